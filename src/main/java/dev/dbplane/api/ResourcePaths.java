package dev.dbplane.api;

import dev.dbplane.cluster.ClusterKind;
import dev.dbplane.resource.ManagedResource;
import java.util.Map;

/** Where the API serves each kind's resources, for answers that point at one. */
final class ResourcePaths {

  private static final Map<String, String> COLLECTIONS = Map.of(ClusterKind.NAME, "/api/v1/database-clusters");

  private ResourcePaths() {}

  static String of(ManagedResource resource) {
    String collection = COLLECTIONS.get(resource.kind());
    if (collection == null) {
      throw new IllegalStateException("the API serves no resources of kind " + resource.kind());
    }
    return collection + "/" + resource.id();
  }
}
