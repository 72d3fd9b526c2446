package dev.dbplane.cluster;

import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseEngine;

/**
 * Which clusters a listing shows; a null member does not filter.
 *
 * @param engine DigitalOcean's engine slug ({@code pg}, {@code mysql}, ...)
 */
public record ClusterFilter(@Nullable String org, @Nullable String env, @Nullable String engine) {

  /**
   * A filter as callers name the engine: by its slug or by the model's name ({@code postgres});
   * any other name matches no cluster.
   */
  public static ClusterFilter of(@Nullable String org, @Nullable String env, @Nullable String engine) {
    return new ClusterFilter(org, env, engine == null ? null : slugOf(engine.toLowerCase(Locale.ROOT)));
  }

  private static String slugOf(String engine) {
    for (DigitalOceanDatabaseEngine known : DigitalOceanDatabaseEngine.values()) {
      if (known != DigitalOceanDatabaseEngine.UNRECOGNIZED && known.name().equals(engine)) {
        return DatabaseEngines.slug(known).orElse(engine);
      }
    }
    return engine;
  }
}
