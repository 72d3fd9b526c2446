package dev.dbplane.api;

import dev.dbplane.db.DbKind;
import dev.dbplane.firewall.FirewallKind;
import dev.dbplane.pool.PoolKind;
import dev.dbplane.replica.ReplicaKind;
import dev.dbplane.user.UserKind;
import java.util.Map;

/**
 * One manifest of each kind that lives inside a cluster, as Swagger UI offers it to try (held valid
 * by a test): each names the cluster by its id here.
 */
final class KindExamples {

  private static final String CLUSTER = "57726d85-4248-4bcb-9024-0f832298e8d4";

  static final Map<String, String> YAML = Map.of(
      DbKind.NAME, """
          apiVersion: digital-ocean.project-planton.org/v1
          kind: DigitalOceanDatabaseDb
          metadata: {name: orders-db-orders, org: acme, env: prod}
          spec:
            cluster: {value: %s}
            name: orders
          """.formatted(CLUSTER),
      UserKind.NAME, """
          apiVersion: digital-ocean.project-planton.org/v1
          kind: DigitalOceanDatabaseUser
          metadata: {name: orders-db-app, org: acme, env: prod}
          spec:
            cluster: {value: %s}
            name: orders_app
          """.formatted(CLUSTER),
      PoolKind.NAME, """
          apiVersion: digital-ocean.project-planton.org/v1
          kind: DigitalOceanDatabaseConnectionPool
          metadata: {name: orders-db-pool, org: acme, env: prod}
          spec:
            cluster: {value: %s}
            name: orders-pool
            mode: transaction
            size: 10
            dbName: orders
            user: orders_app
          """.formatted(CLUSTER),
      FirewallKind.NAME, """
          apiVersion: digital-ocean.project-planton.org/v1
          kind: DigitalOceanDatabaseFirewall
          metadata: {name: orders-db-firewall, org: acme, env: prod}
          spec:
            cluster: {value: %s}
            rules:
              - {type: ip_addr, value: 203.0.113.0/24}
              - {type: tag, value: orders-app}
          """.formatted(CLUSTER),
      ReplicaKind.NAME, """
          apiVersion: digital-ocean.project-planton.org/v1
          kind: DigitalOceanDatabaseReplica
          metadata: {name: orders-db-read, org: acme, env: prod}
          spec:
            cluster: {value: %s}
            name: orders-db-read
            region: nyc3
            sizeSlug: db-s-2vcpu-4gb
          """.formatted(CLUSTER));

  private KindExamples() {}
}
