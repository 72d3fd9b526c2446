package dev.dbplane.audit;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One entry of the audit log.
 *
 * @param actor who (an API key or a token's subject)
 * @param action what, for example {@code cluster.create} or {@code outputs.reveal}
 * @param clusterId which cluster, when the action is about one
 * @param detail more, for people; never a secret
 */
public record AuditEvent(UUID id, Instant at, String actor, String action, @Nullable UUID clusterId, String detail) {}
