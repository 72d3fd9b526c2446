package dev.dbplane.cluster;

import dev.dbplane.resource.Findings;
import dev.dbplane.resource.ResourceTags;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseCluster;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseClusterSpec;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseEngine;

/** Advice that does not block provisioning, for choices that are allowed but usually regretted. */
final class Advisories {

  /** The model's own pattern; a version that breaks it is a violation, not a matter for advice. */
  private static final Pattern ENGINE_VERSION = Pattern.compile("^[0-9]+(\\.[0-9]+)?$");

  private static final Set<String> PRODUCTION_ENVIRONMENTS = Set.of("prod", "production", "prd", "live");

  void check(DigitalOceanDatabaseCluster manifest, ResourceTags.Result tags, Findings findings) {
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
    String version = spec.getEngineVersion();
    if (ENGINE_VERSION.matcher(version).matches()
        && DatabaseEngines.slug(spec.getEngine()).isPresent()
        && !DatabaseEngines.isDocumentedVersion(spec.getEngine(), version)) {
      findings.advise(
          "spec.engine_version",
          "dbplane.engine_version_undocumented",
          "DigitalOcean documents versions "
              + DatabaseEngines.documentedVersions(spec.getEngine())
              + " of "
              + spec.getEngine().name()
              + "; version "
              + version
              + " may be refused when the cluster is created");
    }
    tags.adviseIfRewritten(findings);
  }
}
