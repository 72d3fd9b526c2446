package dev.dbplane.cluster;

import java.util.Optional;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseEngine;

/**
 * DigitalOcean's fixed facts about each engine: its API slug and its storage. What it offers of
 * each (versions, regions, sizes) is the catalog's.
 */
final class DatabaseEngines {

  private DatabaseEngines() {}

  /** DigitalOcean's API slug; empty for unspecified or unknown values. */
  static Optional<String> slug(DigitalOceanDatabaseEngine engine) {
    return switch (engine) {
      case postgres -> Optional.of("pg");
      case mysql -> Optional.of("mysql");
      case redis -> Optional.of("redis");
      case valkey -> Optional.of("valkey");
      case mongodb -> Optional.of("mongodb");
      default -> Optional.empty();
    };
  }

  /** In-memory engines have no disk that can be sized. */
  static boolean hasConfigurableStorage(DigitalOceanDatabaseEngine engine) {
    return engine != DigitalOceanDatabaseEngine.redis && engine != DigitalOceanDatabaseEngine.valkey;
  }
}
