package dev.dbplane.webhook;

import java.time.Instant;
import java.util.UUID;

/**
 * A callback of a cluster; its signing secret is stored encrypted and never shown again.
 *
 * @param url what may be shown of the callback URL: scheme, host, port and path, never the query
 *     (which may carry a token); the whole URL is kept encrypted for delivery only
 */
public record Webhook(UUID id, UUID clusterId, String url, String createdBy, Instant createdAt) {}
