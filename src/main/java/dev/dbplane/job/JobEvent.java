package dev.dbplane.job;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One entry of a job's progress, in order.
 *
 * @param seq 1, 2, 3, ... within the job
 * @param type a short machine name
 * @param message for people, with every secret removed
 * @param resource the resource it is about, when there is one
 */
public record JobEvent(int seq, Instant at, String type, String message, @Nullable String resource) {}
