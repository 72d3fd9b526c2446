package dev.dbplane.cluster;

import dev.dbplane.catalog.DatabaseOptions;
import dev.dbplane.resource.Findings;
import dev.dbplane.resource.References;
import java.util.regex.Pattern;
import org.project_planton.provider.digitalocean.DigitalOceanRegion;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseClusterSpec;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseEngine;

/**
 * The service's own rules for a cluster's spec: what DigitalOcean needs beyond the model's
 * buf.validate rules. Each rule has a stable id under {@code dbplane.}.
 */
final class ServiceRules {

  private ServiceRules() {}

  static final int MIN_STORAGE_GIB = 10;
  static final int MAX_STORAGE_GIB = 16_384;
  /** DigitalOcean's bounds. */
  static final int MIN_CLUSTER_NAME = 3;
  static final int MAX_CLUSTER_NAME = 63;
  /** The model's own bound, which its rule reports. */
  private static final int MODEL_MAX_CLUSTER_NAME = 64;

  private static final Pattern CLUSTER_NAME = Pattern.compile("^[a-z][a-z0-9-]*[a-z0-9]$");
  private static final Pattern SIZE_SLUG =
      Pattern.compile("^[a-z0-9_]+(-[a-z0-9_]+)*-[0-9]+vcpu-[0-9]+(gb|mb)(-[a-z0-9_]+)*$");

  /**
   * Checks the spec, also by what DigitalOcean offers; the request's own rules (token, metadata,
   * stack name) are the pipeline's.
   */
  static void check(DigitalOceanDatabaseClusterSpec spec, DatabaseOptions offered, Findings findings) {
    checkEnumsAreKnown(spec, findings);
    checkClusterName(spec.getClusterName(), findings);
    checkSizeSlug(spec.getSizeSlug(), findings);
    CatalogRules.checkOffered(spec, offered, findings);
    References.checkVpc(spec.getVpc(), "spec.vpc", findings);
    checkStorage(spec, findings);
  }

  /** Whether the size is shaped as a database size slug; an empty one is the model's to report. */
  static boolean isSizeSlug(String size) {
    return SIZE_SLUG.matcher(size).matches();
  }

  private static void checkEnumsAreKnown(DigitalOceanDatabaseClusterSpec spec, Findings findings) {
    if (spec.getEngine() == DigitalOceanDatabaseEngine.UNRECOGNIZED) {
      findings.violation(
          "spec.engine",
          "dbplane.engine.known",
          "engine " + spec.getEngineValue() + " is not a known engine; use postgres (pg), mysql, redis, valkey or mongodb");
    }
    if (spec.getRegion() == DigitalOceanRegion.UNRECOGNIZED) {
      findings.violation(
          "spec.region", "dbplane.region.known", "region " + spec.getRegionValue() + " is not a known region");
    }
  }

  private static void checkClusterName(String name, Findings findings) {
    if (name.isEmpty() || name.length() > MODEL_MAX_CLUSTER_NAME) {
      return; // the model's rules report it, once
    }
    if (name.length() < MIN_CLUSTER_NAME || name.length() > MAX_CLUSTER_NAME || !CLUSTER_NAME.matcher(name).matches()) {
      findings.violation(
          "spec.cluster_name",
          "dbplane.cluster_name.format",
          "must be " + MIN_CLUSTER_NAME + " to " + MAX_CLUSTER_NAME
              + " lowercase letters, digits and hyphens, start with a letter and not end with a hyphen");
    }
  }

  private static void checkSizeSlug(String size, Findings findings) {
    if (!size.isEmpty() && !isSizeSlug(size)) {
      findings.violation(
          "spec.size_slug",
          "dbplane.size_slug.format",
          "'" + size + "' does not look like a database size slug such as db-s-2vcpu-4gb or gd-2vcpu-8gb");
    }
  }

  private static void checkStorage(DigitalOceanDatabaseClusterSpec spec, Findings findings) {
    int gib = spec.getStorageGib();
    if (gib == 0) {
      return;
    }
    if (!DatabaseEngines.hasConfigurableStorage(spec.getEngine())) {
      findings.violation(
          "spec.storage_gib",
          "dbplane.storage_gib.not_supported",
          spec.getEngine().name() + " keeps its data in memory and has no configurable storage; leave storage_gib at 0");
    } else if (Integer.compareUnsigned(gib, MIN_STORAGE_GIB) < 0 || Integer.compareUnsigned(gib, MAX_STORAGE_GIB) > 0) {
      findings.violation(
          "spec.storage_gib",
          "dbplane.storage_gib.range",
          "must be 0 (the size's default) or between " + MIN_STORAGE_GIB + " and " + MAX_STORAGE_GIB + " GiB");
    }
  }
}
