package dev.dbplane.api;

import dev.dbplane.cluster.ClusterKind;
import dev.dbplane.db.DbKind;
import dev.dbplane.firewall.FirewallKind;
import dev.dbplane.pool.PoolKind;
import dev.dbplane.replica.ReplicaKind;
import dev.dbplane.resource.ManagedResource;
import dev.dbplane.resource.ResourceKind;
import dev.dbplane.user.UserKind;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.web.servlet.HandlerMapping;

/** Where the API serves each kind's resources, for answers that point at one. */
final class ResourcePaths {

  /** In the order an operator works: the cluster, then what an application needs of it. */
  private static final List<String> KINDS = List.of(ClusterKind.NAME, DbKind.NAME, UserKind.NAME, PoolKind.NAME, FirewallKind.NAME, ReplicaKind.NAME);

  private static final Map<String, String> COLLECTIONS = Map.of(
      ClusterKind.NAME, "/api/v1/database-clusters",
      DbKind.NAME, "/api/v1/database-dbs",
      UserKind.NAME, "/api/v1/database-users",
      PoolKind.NAME, "/api/v1/database-connection-pools",
      FirewallKind.NAME, "/api/v1/database-firewalls",
      ReplicaKind.NAME, "/api/v1/database-replicas");

  private ResourcePaths() {}

  static String of(ManagedResource resource) {
    return collectionOf(resource.kind()) + "/" + resource.id();
  }

  /** Where in the order an operator works the kind comes. */
  static int rank(String kind) {
    return KINDS.indexOf(kind);
  }

  /**
   * The kind of these whose collection's custom method ({@code :validate}, {@code :schema}) the
   * request was mapped to: one handler serves several kinds' collections.
   */
  static <K extends ResourceKind<?, ?>> K kindOf(HttpServletRequest request, String customMethod, List<K> kinds) {
    String pattern = (String) request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
    return kindAt(pattern.substring(0, pattern.length() - customMethod.length()), kinds);
  }

  /** The kind of these served at {@code collection}, one of the API's. */
  private static <K extends ResourceKind<?, ?>> K kindAt(String collection, List<K> kinds) {
    return kinds.stream().filter(kind -> collection.equals(COLLECTIONS.get(kind.name()))).findFirst()
        .orElseThrow(() -> new IllegalStateException("none of " + kinds.size() + " kinds is served at " + collection));
  }

  static String collectionOf(String kind) {
    String collection = COLLECTIONS.get(kind);
    if (collection == null) {
      throw new IllegalStateException("the API serves no resources of kind " + kind);
    }
    return collection;
  }
}
