package dev.dbplane.db;

import dev.dbplane.resource.ClusterFacts;
import dev.dbplane.resource.Findings;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.project_planton.provider.digitalocean.digitaloceandatabasedb.v1.DigitalOceanDatabaseDbSpec;

/** What a database needs of its cluster beyond the model's rules. Each rule has a stable id under {@code dbplane.}. */
final class DbRules {

  /**
   * The databases every cluster of an engine already has, made by DigitalOcean (defaultdb, which
   * cannot be removed) or by the engine itself; the caching engines (redis, valkey) have none that
   * DigitalOcean manages.
   */
  private static final Map<String, Set<String>> EXISTING_DATABASES = Map.of(
      "pg", Set.of("defaultdb", "postgres", "template0", "template1"),
      "mysql", Set.of("defaultdb", "mysql", "sys", "information_schema", "performance_schema"),
      "mongodb", Set.of("admin", "local", "config"));

  private DbRules() {}

  static void checkAgainst(DigitalOceanDatabaseDbSpec spec, ClusterFacts cluster, List<DbSpec> others, Findings findings) {
    Set<String> existing = EXISTING_DATABASES.get(cluster.engine());
    if (existing == null) {
      findings.violation("spec.cluster", "dbplane.cluster.engine_unsupported",
          "the cluster's engine " + cluster.engine() + " has no databases to manage; databases belong in pg, mysql or mongodb clusters");
      return;
    }
    String name = spec.getName();
    if (existing.contains(name)) {
      findings.violation("spec.name", "dbplane.name.reserved",
          "every " + cluster.engine() + " cluster already has a database named " + name + "; choose another name");
    } else if (others.stream().anyMatch(other -> other.name().equals(name))) {
      findings.violation("spec.name", "dbplane.name.taken", "the cluster already has a database named " + name);
    }
  }
}
