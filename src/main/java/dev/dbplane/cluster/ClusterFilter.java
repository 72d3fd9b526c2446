package dev.dbplane.cluster;

import dev.dbplane.resource.ResourceFilter;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseEngine;

/** Which clusters a listing shows, as callers ask for them. */
public final class ClusterFilter {

  private ClusterFilter() {}

  /**
   * A filter as callers name the engine: by its slug or by the model's name ({@code postgres});
   * any other name matches no cluster. A null member does not filter.
   */
  public static ResourceFilter of(@Nullable String org, @Nullable String env, @Nullable String engine) {
    return new ResourceFilter(org, env, engine == null ? null : slugOf(engine.toLowerCase(Locale.ROOT)), null);
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
