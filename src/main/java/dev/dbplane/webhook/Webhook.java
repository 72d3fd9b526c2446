package dev.dbplane.webhook;

import java.time.Instant;
import java.util.UUID;

/** A callback of a cluster; its signing secret is stored encrypted and never shown again. */
public record Webhook(UUID id, UUID clusterId, String url, String createdBy, Instant createdAt) {}
