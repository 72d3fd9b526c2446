package dev.dbplane.resource;

/**
 * Something the caller should know that does not block provisioning.
 *
 * @param field path of the field the advice is about
 * @param code stable identifier, for machines
 * @param message the advice, for people
 */
public record Advisory(String field, String code, String message) {}
