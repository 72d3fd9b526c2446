package dev.dbplane.job;

/**
 * Why a job failed.
 *
 * @param code for machines
 * @param message for people; never holds a secret
 */
public record JobError(JobErrorCode code, String message) {}
