package dev.dbplane.pool;

import dev.dbplane.resource.ClusterFacts;
import dev.dbplane.resource.Findings;
import java.util.List;
import java.util.OptionalInt;
import org.project_planton.provider.digitalocean.digitaloceandatabaseconnectionpool.v1.DigitalOceanDatabaseConnectionPoolSpec;

/** What a pool needs of its cluster beyond the model's rules. Each rule has a stable id under {@code dbplane.}. */
final class PoolRules {

  /** PgBouncer pools exist for PostgreSQL only. */
  static final String ENGINE = "pg";

  private PoolRules() {}

  static void checkAgainst(DigitalOceanDatabaseConnectionPoolSpec spec, ClusterFacts cluster, List<PoolSpec> others, Findings findings) {
    if (!cluster.engine().equals(ENGINE)) {
      findings.violation("spec.cluster", "dbplane.cluster.engine_unsupported",
          "connection pools are PostgreSQL's; the cluster's engine is " + cluster.engine());
      return;
    }
    if (others.stream().anyMatch(other -> other.name().equals(spec.getName()))) {
      findings.violation("spec.name", "dbplane.name.taken", "the cluster already has a connection pool named " + spec.getName());
    }
    checkConnections(spec, cluster, others, findings);
  }

  private static void checkConnections(
      DigitalOceanDatabaseConnectionPoolSpec spec, ClusterFacts cluster, List<PoolSpec> others, Findings findings) {
    OptionalInt connections = BackendConnections.of(cluster.size());
    if (connections.isEmpty()) {
      findings.violation("spec.size", "dbplane.size.cluster_size_unknown",
          "the cluster's node size " + cluster.size() + " tells no memory, so the backend connections its pools may share ("
              + BackendConnections.PER_GIB + " per GiB, less " + BackendConnections.RESERVED + ") cannot be counted");
      return;
    }
    long taken = others.stream().mapToLong(PoolSpec::size).sum();
    long free = Math.max(0, connections.getAsInt() - taken);
    if (spec.getSize() > free) {
      findings.violation("spec.size", "dbplane.size.exceeds_connections",
          "a cluster of size " + cluster.size() + " gives its pools " + connections.getAsInt() + " backend connections; its other pools hold "
              + taken + ", which leaves " + free + " for this one, not " + spec.getSize());
    }
  }
}
