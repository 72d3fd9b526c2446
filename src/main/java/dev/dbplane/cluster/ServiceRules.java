package dev.dbplane.cluster;

import java.util.regex.Pattern;
import org.project_planton.provider.digitalocean.DigitalOceanRegion;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseCluster;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseClusterSpec;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseEngine;
import org.project_planton.shared.foreignkey.v1.StringValueOrRef;

/**
 * The service's own rules: what DigitalOcean and this service need beyond the model's buf.validate
 * rules. Each rule has a stable id under {@code dbplane.}.
 */
final class ServiceRules {

  static final int MIN_STORAGE_GIB = 10;
  static final int MAX_STORAGE_GIB = 16_384;
  /** DigitalOcean's bounds. */
  static final int MIN_CLUSTER_NAME = 3;
  static final int MAX_CLUSTER_NAME = 63;
  /** The model's own bound, which its rule reports. */
  private static final int MODEL_MAX_CLUSTER_NAME = 64;

  private static final String TOKEN_FIELD = "provider_config.api_token";

  private static final Pattern CLUSTER_NAME = Pattern.compile("^[a-z][a-z0-9-]*[a-z0-9]$");
  private static final Pattern SIZE_SLUG =
      Pattern.compile("^[a-z0-9_]+(-[a-z0-9_]+)*-[0-9]+vcpu-[0-9]+(gb|mb)(-[a-z0-9_]+)*$");
  private static final Pattern UUID =
      Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

  /** What becomes of a request that brings no token when the server has no default token either. */
  enum MissingToken {
    /**
     * Advice: the request is judged on its own (validate), and the cluster it will be sent for may
     * hold the token it was created with, though a create needs one.
     */
    ADVISE,
    /** A violation: a create, or a change of a cluster that holds no token, could not reach DigitalOcean. */
    REFUSE,
    /** Nothing to say: a change of a cluster that holds its token, which its job uses. */
    ACCEPT
  }

  private final boolean defaultTokenConfigured;

  ServiceRules(boolean defaultTokenConfigured) {
    this.defaultTokenConfigured = defaultTokenConfigured;
  }

  void check(ClusterRequest request, MissingToken missingToken, Findings findings) {
    if (request instanceof ClusterRequest.StackInput stackInput && !stackInput.stackInput().hasTarget()) {
      findings.requestViolation(
          "target", "dbplane.stack_input.target_required", "a stack input must carry the cluster manifest as target");
      return;
    }
    checkToken(request, missingToken, findings);
    DigitalOceanDatabaseCluster manifest = request.manifest();
    if (manifest.hasStatus()) {
      findings.violation("status", "dbplane.status.read_only", "status is set by the service and must not be sent");
    }
    InputLimits.checkMetadata(manifest.getMetadata(), findings);
    // A field already refused for its length or characters also makes a bad stack name: one report.
    StackNames.malformed(manifest.getMetadata(), manifest.getSpec().getClusterName())
        .filter(v -> !findings.hasViolation(v.field()))
        .ifPresent(v -> findings.violation(v.field(), v.rule(), v.message()));
    DigitalOceanDatabaseClusterSpec spec = manifest.getSpec();
    checkEnumsAreKnown(spec, findings);
    checkClusterName(spec.getClusterName(), findings);
    checkSizeSlug(spec.getSizeSlug(), findings);
    checkVpc(spec, findings);
    checkStorage(spec, findings);
  }

  private void checkToken(ClusterRequest request, MissingToken missingToken, Findings findings) {
    request
        .providerConfig()
        .ifPresent(
            config -> {
              String token = config.getApiToken();
              if (!token.isEmpty() && token.isBlank()) {
                findings.requestViolation(
                    "provider_config.api_token", "dbplane.provider_config.token_blank", "must not be blank");
              } else if (!token.isEmpty()) {
                InputLimits.checkToken(token, findings);
              }
              if (config.getDefaultRegion() == DigitalOceanRegion.UNRECOGNIZED) {
                findings.requestViolation(
                    "provider_config.default_region",
                    "dbplane.region.known",
                    "region " + config.getDefaultRegionValue() + " is not a known region");
              }
            });
    if (request.providerConfig().isPresent() || defaultTokenConfigured) {
      return;
    }
    switch (missingToken) {
      case REFUSE ->
          findings.requestViolation(
              TOKEN_FIELD,
              "dbplane.provider_config.token_required",
              "no DigitalOcean API token: send a stack input with provider_config.api_token, "
                  + "or configure a default token on the server");
      case ADVISE ->
          findings.adviseRequest(
              TOKEN_FIELD,
              "dbplane.token_needed",
              "the server has no default DigitalOcean API token, so a create of this cluster needs one: send a stack "
                  + "input with provider_config.api_token; an update or preview of a cluster that holds its token needs none");
      case ACCEPT -> {}
    }
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
    if (!size.isEmpty() && !SIZE_SLUG.matcher(size).matches()) {
      findings.violation(
          "spec.size_slug",
          "dbplane.size_slug.format",
          "'" + size + "' does not look like a database size slug such as db-s-2vcpu-4gb or gd-2vcpu-8gb");
    }
  }

  private static void checkVpc(DigitalOceanDatabaseClusterSpec spec, Findings findings) {
    StringValueOrRef vpc = spec.getVpc();
    switch (vpc.getLiteralOrRefCase()) {
      case VALUE -> {
        if (!vpc.getValue().isEmpty() && !UUID.matcher(vpc.getValue()).matches()) {
          findings.violation(
              "spec.vpc.value", "dbplane.vpc.uuid", "must be the UUID of a DigitalOcean VPC, for example 5a4981aa-9653-4bd1-bef5-d6bff52042e4");
        }
      }
      case VALUE_FROM ->
          findings.violation(
              "spec.vpc.value_from",
              "dbplane.vpc.value_from_unsupported",
              "references to another resource"
                  + (vpc.getValueFrom().getName().isEmpty() ? "" : " (" + vpc.getValueFrom().getName() + ")")
                  + " are not resolved by this service; give the VPC's UUID in spec.vpc.value");
      default -> {}
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
