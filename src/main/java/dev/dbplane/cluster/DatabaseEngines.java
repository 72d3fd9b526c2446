package dev.dbplane.cluster;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseEngine;

/** DigitalOcean's facts about each engine: its API slug, its documented versions, its storage. */
final class DatabaseEngines {

  /** Major versions DigitalOcean documents as of 2026-11; others may still be offered or retired. */
  private static final Map<DigitalOceanDatabaseEngine, Set<String>> DOCUMENTED_MAJOR_VERSIONS =
      Map.of(
          DigitalOceanDatabaseEngine.postgres, Set.of("13", "14", "15", "16", "17"),
          DigitalOceanDatabaseEngine.mysql, Set.of("8"),
          DigitalOceanDatabaseEngine.redis, Set.of("7"),
          DigitalOceanDatabaseEngine.valkey, Set.of("8"),
          DigitalOceanDatabaseEngine.mongodb, Set.of("6", "7", "8"));

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

  static boolean isDocumentedVersion(DigitalOceanDatabaseEngine engine, String version) {
    String major = version.contains(".") ? version.substring(0, version.indexOf('.')) : version;
    return DOCUMENTED_MAJOR_VERSIONS.getOrDefault(engine, Set.of()).contains(major);
  }

  static String documentedVersions(DigitalOceanDatabaseEngine engine) {
    return String.join(", ", DOCUMENTED_MAJOR_VERSIONS.getOrDefault(engine, Set.of()).stream().sorted().toList());
  }

  /** In-memory engines have no disk that can be sized. */
  static boolean hasConfigurableStorage(DigitalOceanDatabaseEngine engine) {
    return engine != DigitalOceanDatabaseEngine.redis && engine != DigitalOceanDatabaseEngine.valkey;
  }
}
