package dev.dbplane.cluster;

import org.jspecify.annotations.Nullable;

/**
 * Which clusters a listing shows; a null member does not filter.
 *
 * @param engine DigitalOcean's engine slug ({@code pg}, {@code mysql}, ...)
 */
public record ClusterFilter(@Nullable String org, @Nullable String env, @Nullable String engine) {}
