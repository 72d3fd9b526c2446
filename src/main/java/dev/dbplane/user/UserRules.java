package dev.dbplane.user;

import dev.dbplane.resource.ClusterFacts;
import dev.dbplane.resource.Findings;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.project_planton.provider.digitalocean.digitaloceandatabaseuser.v1.DigitalOceanDatabaseMysqlAuthPlugin;
import org.project_planton.provider.digitalocean.digitaloceandatabaseuser.v1.DigitalOceanDatabaseUserSpec;

/** What a user needs beyond the model's rules, alone and in its cluster. Each rule has a stable id under {@code dbplane.}. */
final class UserRules {

  /** DigitalOcean's admin user, which every cluster has and which cannot be made or removed. */
  static final String ADMIN_USER = "doadmin";

  /**
   * The users every cluster of an engine has beside the admin user: the engine's own superuser,
   * which DigitalOcean keeps to itself. The caching engines (redis, valkey) have no users to manage.
   */
  private static final Map<String, Set<String>> ENGINE_USERS = Map.of(
      "pg", Set.of("postgres"),
      "mysql", Set.of("root"),
      "mongodb", Set.of());

  /** MySQL's bound for a user name; the model's (63) is PostgreSQL's. */
  static final int MYSQL_MAX_NAME = 32;

  private UserRules() {}

  static void check(DigitalOceanDatabaseUserSpec spec, Findings findings) {
    if (spec.getName().equals(ADMIN_USER)) {
      findings.violation("spec.name", "dbplane.name.reserved",
          ADMIN_USER + " is the admin user DigitalOcean makes in every cluster; choose another name");
    }
  }

  static void checkAgainst(DigitalOceanDatabaseUserSpec spec, ClusterFacts cluster, List<UserSpec> others, Findings findings) {
    Set<String> engineUsers = ENGINE_USERS.get(cluster.engine());
    if (engineUsers == null) {
      findings.violation("spec.cluster", "dbplane.cluster.engine_unsupported",
          "the cluster's engine " + cluster.engine() + " has no users to manage; users belong in pg, mysql or mongodb clusters");
      return;
    }
    String name = spec.getName();
    if (engineUsers.contains(name)) {
      findings.violation("spec.name", "dbplane.name.reserved",
          name + " is the superuser of every " + cluster.engine() + " cluster, kept by DigitalOcean; choose another name");
    } else if (others.stream().anyMatch(other -> other.name().equals(name))) {
      findings.violation("spec.name", "dbplane.name.taken", "the cluster already has a user named " + name);
    }
    boolean mysql = cluster.engine().equals("mysql");
    if (mysql && name.length() > MYSQL_MAX_NAME) {
      findings.violation("spec.name", "dbplane.name.mysql_length",
          "MySQL user names are at most " + MYSQL_MAX_NAME + " characters; this one has " + name.length());
    }
    if (!mysql && spec.getMysqlAuthPlugin() != DigitalOceanDatabaseMysqlAuthPlugin.digital_ocean_database_mysql_auth_plugin_unspecified) {
      findings.violation("spec.mysql_auth_plugin", "dbplane.mysql_auth_plugin.not_mysql",
          "only MySQL users have an authentication plugin; the cluster's engine is " + cluster.engine() + ": leave it out");
    }
  }
}
