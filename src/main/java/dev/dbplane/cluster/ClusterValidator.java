package dev.dbplane.cluster;

import dev.dbplane.engine.ProvisioningSpec;

import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseCluster;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseClusterSpec;

/**
 * Judges a request in three layers (the model's buf.validate rules, the service's own rules, and
 * advice that does not block) and normalises a valid one into DigitalOcean's terms. Thread-safe.
 */
public final class ClusterValidator {

  static final String KIND = "DigitalOceanDatabaseCluster";
  private static final int MIB_PER_GIB = 1024;

  private final ModelRules modelRules = new ModelRules();
  private final ServiceRules serviceRules;
  private final Advisories advisories = new Advisories();

  /**
   * @param defaultTokenConfigured whether the server holds a DigitalOcean token to use when a
   *     request brings none
   */
  public ClusterValidator(boolean defaultTokenConfigured) {
    this.serviceRules = new ServiceRules(defaultTokenConfigured);
  }

  /**
   * Judges a request on its own, as the validate endpoint does. One that brings no token is valid,
   * with advice when the server has no default token either: a create needs one, but the cluster
   * the request is meant for may hold the token it was created with.
   */
  public ValidationOutcome validate(ClusterRequest request) {
    return validate(request, ServiceRules.MissingToken.ADVISE);
  }

  /**
   * Judges a request about to be submitted: it is refused when no token can be had for its job,
   * from the request, the cluster or the server.
   *
   * @param clusterHoldsToken whether the cluster the request is for holds a token; false for a
   *     create
   */
  ValidationOutcome validateSubmission(ClusterRequest request, boolean clusterHoldsToken) {
    return validate(request, clusterHoldsToken ? ServiceRules.MissingToken.ACCEPT : ServiceRules.MissingToken.REFUSE);
  }

  private ValidationOutcome validate(ClusterRequest request, ServiceRules.MissingToken missingToken) {
    Findings findings = new Findings(request.manifestPath());
    modelRules.check(request, findings);
    serviceRules.check(request, missingToken, findings);
    DigitalOceanDatabaseCluster manifest = request.manifest();
    ClusterTags.Result tags = ClusterTags.of(manifest.getMetadata(), KIND);
    advisories.check(manifest, tags, findings);
    ProvisioningSpec spec = findings.violations().isEmpty() ? normalise(manifest, tags) : null;
    return new ValidationOutcome(findings.violations(), findings.advisories(), spec);
  }

  /** The normalised spec of a manifest that was valid when it was stored. */
  public ProvisioningSpec normalise(DigitalOceanDatabaseCluster manifest) {
    return normalise(manifest, ClusterTags.of(manifest.getMetadata(), KIND));
  }

  private static ProvisioningSpec normalise(DigitalOceanDatabaseCluster manifest, ClusterTags.Result tags) {
    DigitalOceanDatabaseClusterSpec spec = manifest.getSpec();
    String vpc = spec.getVpc().getValue();
    long storageMib = Integer.toUnsignedLong(spec.getStorageGib()) * MIB_PER_GIB;
    return new ProvisioningSpec(
        spec.getClusterName(),
        DatabaseEngines.slug(spec.getEngine()).orElseThrow(),
        spec.getEngineVersion(),
        spec.getRegion().name(),
        spec.getSizeSlug(),
        spec.getNodeCount(),
        vpc.isEmpty() ? null : vpc.toLowerCase(java.util.Locale.ROOT),
        storageMib == 0 ? null : Long.toString(storageMib),
        tags.tags(),
        spec.getEnablePublicConnectivity(),
        StackNames.of(manifest.getMetadata(), spec.getClusterName()));
  }
}
