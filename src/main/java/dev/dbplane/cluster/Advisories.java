package dev.dbplane.cluster;

import dev.dbplane.catalog.DatabaseOptions;
import dev.dbplane.resource.Findings;
import dev.dbplane.resource.ResourceTags;
import java.time.Clock;
import java.util.Locale;
import java.util.Set;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseCluster;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseClusterSpec;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseEngine;

/** Advice that does not block provisioning, for choices that are allowed but usually regretted. */
final class Advisories {

  private static final Set<String> PRODUCTION_ENVIRONMENTS = Set.of("prod", "production", "prd", "live");

  private final Clock clock;

  /** @param clock what "now" is, for a version's end of life */
  Advisories(Clock clock) {
    this.clock = clock;
  }

  /** @param offered what DigitalOcean offers the request's token (or the server's) */
  void check(DigitalOceanDatabaseCluster manifest, ResourceTags.Result tags, DatabaseOptions offered, Findings findings) {
    DigitalOceanDatabaseClusterSpec spec = manifest.getSpec();
    if (spec.getNodeCount() == 1) {
      findings.advise(
          "spec.node_count",
          "dbplane.not_highly_available",
          "a single-node cluster is not highly available and has downtime during maintenance and failures; use it for dev/test only");
    }
    if (spec.getEngine() == DigitalOceanDatabaseEngine.redis) {
      findings.advise(
          "spec.engine",
          "dbplane.engine_retired",
          "DigitalOcean retired Managed Redis in favour of Managed Valkey; use engine valkey for new clusters");
    }
    boolean production = PRODUCTION_ENVIRONMENTS.contains(manifest.getMetadata().getEnv().toLowerCase(Locale.ROOT));
    if (production && spec.getEnablePublicConnectivity()) {
      findings.advise(
          "spec.enable_public_connectivity",
          "dbplane.public_in_production",
          "public connectivity on a production cluster exposes it to the internet; prefer a VPC and trusted sources");
    }
    CatalogRules.adviseEndOfLife(spec, offered, clock.instant(), findings);
    tags.adviseIfRewritten(findings);
  }
}
