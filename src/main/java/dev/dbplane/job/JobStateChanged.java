package dev.dbplane.job;

/** A job moved to a new status; published after the change is committed. */
public record JobStateChanged(Job job) {}
