package dev.dbplane.resource;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Which resources of a kind a listing shows; a null member does not filter.
 *
 * @param clusterId only those living in this managed cluster
 * @param engine DigitalOcean's engine slug ({@code pg}, {@code mysql}, ...)
 */
public record ResourceFilter(@Nullable String org, @Nullable String env, @Nullable String engine, @Nullable UUID clusterId) {}
