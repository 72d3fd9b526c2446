package dev.dbplane.cluster;

import dev.dbplane.catalog.DatabaseOptions;
import dev.dbplane.catalog.EngineOptions;
import dev.dbplane.catalog.EngineVersion;
import dev.dbplane.resource.Findings;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.project_planton.provider.digitalocean.DigitalOceanRegion;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseClusterSpec;

/**
 * The cluster judged by the catalog, what DigitalOcean offers: a version, region or size it does
 * not offer for the engine is a violation (DigitalOcean would refuse the create); a version past or
 * near its end of life is advice. A value another rule already refuses (blank, malformed, unknown)
 * is left to that rule.
 */
final class CatalogRules {

  static final String VERSION_NOT_OFFERED = "dbplane.catalog.version_not_offered";
  static final String SIZE_NOT_OFFERED = "dbplane.catalog.size_not_offered";
  static final String REGION_NOT_OFFERED = "dbplane.catalog.region_not_offered";
  static final String VERSION_END_OF_LIFE = "dbplane.catalog.version_end_of_life";
  static final String VERSION_NEAR_END_OF_LIFE = "dbplane.catalog.version_near_end_of_life";

  /** How long before its end of life a version is said to be near it. */
  static final Duration NEAR_END_OF_LIFE = Duration.ofDays(90);

  /** The model's own bound of node_count, which its rule reports. */
  private static final int MODEL_MAX_NODE_COUNT = 3;

  /** The model's own pattern; a version that breaks it is the model's violation. */
  private static final Pattern ENGINE_VERSION = Pattern.compile("^[0-9]+(\\.[0-9]+)?$");

  private CatalogRules() {}

  static void checkOffered(DigitalOceanDatabaseClusterSpec spec, DatabaseOptions options, Findings findings) {
    Optional<EngineOptions> found = offered(spec, options);
    if (found.isEmpty()) {
      return;
    }
    EngineOptions engine = found.get();
    String name = spec.getEngine().name();
    String version = spec.getEngineVersion();
    if (ENGINE_VERSION.matcher(version).matches() && engine.version(version).isEmpty()) {
      findings.violation("spec.engine_version", VERSION_NOT_OFFERED,
          "DigitalOcean does not offer version " + version + " of " + name + "; it offers " + versions(engine.versions()));
    }
    DigitalOceanRegion region = spec.getRegion();
    if (region != DigitalOceanRegion.UNRECOGNIZED && region != DigitalOceanRegion.digital_ocean_region_unspecified
        && !engine.offersRegion(region.name())) {
      findings.violation("spec.region", REGION_NOT_OFFERED,
          "DigitalOcean does not offer " + name + " in " + region.name() + "; it does in " + listed(engine.regions()));
    }
    String size = spec.getSizeSlug();
    int nodes = spec.getNodeCount();
    if (ServiceRules.isSizeSlug(size) && nodes > 0 && nodes <= MODEL_MAX_NODE_COUNT && !engine.sizesWith(nodes).contains(size)) {
      findings.violation("spec.size_slug", SIZE_NOT_OFFERED, sizeNotOffered(engine, name, size, nodes));
    }
  }

  static void adviseEndOfLife(DigitalOceanDatabaseClusterSpec spec, DatabaseOptions options, Instant now, Findings findings) {
    Optional<EngineOptions> engine = offered(spec, options);
    Instant endOfLife = engine.flatMap(e -> e.version(spec.getEngineVersion())).map(EngineVersion::endOfLife).orElse(null);
    if (endOfLife == null) {
      return;
    }
    String which = "version " + spec.getEngineVersion() + " of " + spec.getEngine().name();
    String instead = lasting(engine.get(), now);
    if (!endOfLife.isAfter(now)) {
      findings.advise("spec.engine_version", VERSION_END_OF_LIFE,
          which + " reached its end of life on " + day(endOfLife) + " and is no longer supported by DigitalOcean; " + instead);
    } else if (endOfLife.isBefore(now.plus(NEAR_END_OF_LIFE))) {
      findings.advise("spec.engine_version", VERSION_NEAR_END_OF_LIFE,
          which + " reaches its end of life on " + day(endOfLife) + "; " + instead);
    }
  }

  /** The engine's options; empty for an engine no rule can judge (the enum rules report it). */
  private static Optional<EngineOptions> offered(DigitalOceanDatabaseClusterSpec spec, DatabaseOptions options) {
    return DatabaseEngines.slug(spec.getEngine())
        .map(slug -> options.engine(slug).orElse(new EngineOptions(slug, List.of(), List.of(), List.of())));
  }

  private static String sizeNotOffered(EngineOptions engine, String name, String size, int nodes) {
    List<String> withNodes = engine.sizesWith(nodes);
    if (withNodes.isEmpty()) {
      return "DigitalOcean does not offer " + name + " with " + nodes + " nodes; it does with " + joined(engine.nodeCounts());
    }
    List<Integer> counts = engine.nodeCountsOf(size);
    String offered = "; with " + nodes(List.of(nodes)) + " it offers " + listed(withNodes);
    return counts.isEmpty()
        ? "DigitalOcean does not offer size " + size + " for " + name + offered
        : "DigitalOcean offers size " + size + " for " + name + " only with " + nodes(counts) + offered;
  }

  /** The versions to move to: those not near their end of life. */
  private static String lasting(EngineOptions engine, Instant now) {
    List<EngineVersion> lasting = engine.versions().stream()
        .filter(v -> v.endOfLife() == null || !v.endOfLife().isBefore(now.plus(NEAR_END_OF_LIFE)))
        .toList();
    return lasting.isEmpty() ? "DigitalOcean offers no version of it further from its end of life"
        : "move to " + versions(lasting);
  }

  private static String versions(List<EngineVersion> versions) {
    return listed(versions.stream().map(EngineVersion::version).toList());
  }

  private static String joined(List<Integer> counts) {
    return listed(counts.stream().map(String::valueOf).toList());
  }

  private static String nodes(List<Integer> counts) {
    return joined(counts) + (counts.equals(List.of(1)) ? " node" : " nodes");
  }

  private static String listed(List<String> values) {
    return values.isEmpty() ? "none" : String.join(", ", values);
  }

  private static String day(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC).toLocalDate().toString();
  }
}
