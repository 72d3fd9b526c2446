package dev.dbplane.catalog;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A version DigitalOcean offers of an engine.
 *
 * @param endOfLife when DigitalOcean stops supporting it; null when it has not said
 * @param endOfAvailability when new clusters of it can no longer be made; null when it has not said
 */
public record EngineVersion(String version, @Nullable Instant endOfLife, @Nullable Instant endOfAvailability) {}
