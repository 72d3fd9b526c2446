package dev.dbplane.engine;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What connecting to a resource just provisioned, with its outputs, showed.
 *
 * @param answered whether it answered the check within the time allowed
 * @param check what it was asked ({@code SELECT version()}, {@code PING})
 * @param serverVersion the server's version, as it reported it; null when it did not answer
 * @param detail for people: what answered, or why nothing did (never a secret)
 * @param at when it was asked
 */
public record Verification(boolean answered, String check, @Nullable String serverVersion, String detail, Instant at) {}
