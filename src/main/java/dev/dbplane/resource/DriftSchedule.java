package dev.dbplane.resource;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * How often a resource's drift is checked.
 *
 * @param every the time between two checks
 * @param nextCheckAt when the next check is queued (later, while another job of its cluster is active)
 */
public record DriftSchedule(UUID resourceId, Duration every, Instant nextCheckAt, String updatedBy, Instant updatedAt) {}
