package dev.dbplane.webhook;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One event for one callback, and how its delivery went.
 *
 * @param status PENDING, DELIVERED or FAILED (given up after the last retry)
 */
public record Delivery(UUID id, UUID webhookId, UUID jobId, String eventType, String status, int attempts,
    @Nullable Integer lastStatusCode, @Nullable String lastError, Instant createdAt, @Nullable Instant deliveredAt) {}
