package dev.dbplane.api;

import dev.dbplane.cluster.ClusterKind;
import dev.dbplane.db.DbKind;
import dev.dbplane.firewall.FirewallKind;
import dev.dbplane.pool.PoolKind;
import dev.dbplane.replica.ReplicaKind;
import dev.dbplane.resource.ManagedResource;
import dev.dbplane.user.UserKind;
import java.util.Map;

/** Where the API serves each kind's resources, for answers that point at one. */
final class ResourcePaths {

  private static final Map<String, String> COLLECTIONS = Map.of(
      ClusterKind.NAME, "/api/v1/database-clusters",
      DbKind.NAME, "/api/v1/database-dbs",
      UserKind.NAME, "/api/v1/database-users",
      PoolKind.NAME, "/api/v1/database-connection-pools",
      FirewallKind.NAME, "/api/v1/database-firewalls",
      ReplicaKind.NAME, "/api/v1/database-replicas");

  private ResourcePaths() {}

  static String of(ManagedResource resource) {
    String collection = COLLECTIONS.get(resource.kind());
    if (collection == null) {
      throw new IllegalStateException("the API serves no resources of kind " + resource.kind());
    }
    return collection + "/" + resource.id();
  }
}
