package dev.dbplane.cluster;

import dev.dbplane.catalog.Catalog;
import dev.dbplane.catalog.DatabaseCatalog;
import dev.dbplane.catalog.TokenRefusedException;
import dev.dbplane.config.DbplaneProperties;
import dev.dbplane.engine.Secret;
import dev.dbplane.engine.SpecType;
import dev.dbplane.engine.StackName;
import dev.dbplane.resource.ChangeVerdict;
import dev.dbplane.resource.ClusterFacts;
import dev.dbplane.resource.Findings;
import dev.dbplane.resource.HostKind;
import dev.dbplane.resource.KindIdentity;
import dev.dbplane.resource.ManagedResource;
import dev.dbplane.resource.OrgLimit;
import dev.dbplane.resource.OutputNames;
import dev.dbplane.resource.References;
import dev.dbplane.resource.ResourceTags;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseCluster;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseClusterSpec;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseClusterStackInput;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseEngine;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/** The managed database cluster: the first resource kind, and what is its own. */
@Component
public final class ClusterKind implements HostKind<DigitalOceanDatabaseCluster, ClusterSpec> {

  /** The cluster's name, messages and outputs; its program exports exactly these outputs. */
  private static final KindIdentity<DigitalOceanDatabaseCluster> IDENTITY = new KindIdentity<>(
      "DigitalOceanDatabaseCluster", "cluster", DigitalOceanDatabaseCluster.class, DigitalOceanDatabaseClusterStackInput.class,
      new OutputNames(
          List.of("cluster_id", "connection_uri", "host", "port", "database_user", "database_password"),
          Set.of("connection_uri", "database_password"),
          "cluster_id"));

  public static final String NAME = IDENTITY.name();
  public static final String NOUN = IDENTITY.noun();
  public static final OutputNames OUTPUTS = IDENTITY.outputs();

  /** DigitalOcean's API slug of a model engine ({@code postgres} and {@code pg} are {@code pg}); empty for none. */
  public static Optional<String> engineSlug(DigitalOceanDatabaseEngine engine) {
    return DatabaseEngines.slug(engine);
  }

  private static final int MIB_PER_GIB = 1024;
  private static final String TOKEN_FIELD = "provider_config.api_token";
  private static final String TOKEN_REFUSED = "dbplane.catalog.token_refused";

  private final ClusterPolicies policies;
  private final DatabaseCatalog catalog;
  private final Advisories advisories;

  /**
   * The service's kind: a version's end of life is judged as of now, or as of
   * {@code dbplane.catalog.end-of-life-as-of} when it is set.
   */
  @Autowired
  public ClusterKind(ClusterPolicies policies, DatabaseCatalog catalog, DbplaneProperties properties) {
    this(policies, catalog, Optional.ofNullable(properties.catalog().endOfLifeAsOf())
        .map(day -> Clock.fixed(day, ZoneOffset.UTC)).orElseGet(Clock::systemUTC));
  }

  /** A cluster judged by no environment's policy and by the catalog's snapshot, end of life as of this instant. */
  public static ClusterKind onSnapshot(Instant endOfLifeAsOf) {
    return new ClusterKind(ClusterPolicies.none(), DatabaseCatalog.snapshot(), Clock.fixed(endOfLifeAsOf, ZoneOffset.UTC));
  }

  /** @param clock what "now" is, for a version's end of life */
  ClusterKind(ClusterPolicies policies, DatabaseCatalog catalog, Clock clock) {
    this.policies = policies;
    this.catalog = catalog;
    this.advisories = new Advisories(clock);
  }

  @Override
  public KindIdentity<DigitalOceanDatabaseCluster> identity() {
    return IDENTITY;
  }

  @Override
  public SpecType<ClusterSpec> specType() {
    return ClusterSpec.TYPE;
  }

  @Override
  public String resourceName(DigitalOceanDatabaseCluster manifest) {
    return manifest.getSpec().getClusterName();
  }

  @Override
  public void checkRules(DigitalOceanDatabaseCluster manifest, Optional<Secret> requestToken, Findings findings) {
    // A token DigitalOcean refuses is advised against once, in advise.
    ServiceRules.check(manifest.getSpec(), judgedBy(requestToken, refusal -> {}).options(), findings);
    policies.check(manifest, findings);
  }

  @Override
  public Optional<OrgLimit> orgLimit(String env) {
    return policies.orgLimit(env);
  }

  @Override
  public void advise(DigitalOceanDatabaseCluster manifest, Optional<Secret> requestToken, Findings findings) {
    Catalog judgedBy = judgedBy(requestToken, refusal -> findings.adviseRequest(TOKEN_FIELD, TOKEN_REFUSED,
        "DigitalOcean refused this token when asked what it offers (" + refusal
            + "): the cluster is judged by the server's catalog, and its job fails unless the token is mended"));
    advisories.check(manifest, ResourceTags.of(manifest.getMetadata(), NAME), judgedBy.options(), findings);
  }

  /**
   * The catalog a request is judged by: what DigitalOcean offers the token it brings, else the
   * server's; a token DigitalOcean refuses is judged by the server's, and its refusal handed on.
   */
  private Catalog judgedBy(Optional<Secret> requestToken, Consumer<String> refused) {
    try {
      return requestToken.map(catalog::with).orElseGet(catalog::current);
    } catch (TokenRefusedException e) {
      refused.accept(e.getMessage());
      return catalog.current();
    }
  }

  @Override
  public ClusterSpec normalise(DigitalOceanDatabaseCluster manifest, StackName stack) {
    DigitalOceanDatabaseClusterSpec spec = manifest.getSpec();
    long storageMib = Integer.toUnsignedLong(spec.getStorageGib()) * MIB_PER_GIB;
    return new ClusterSpec(
        spec.getClusterName(),
        DatabaseEngines.slug(spec.getEngine()).orElseThrow(),
        spec.getEngineVersion(),
        spec.getRegion().name(),
        spec.getSizeSlug(),
        spec.getNodeCount(),
        References.vpcUuid(spec.getVpc()),
        storageMib == 0 ? null : Long.toString(storageMib),
        ResourceTags.of(manifest.getMetadata(), NAME).tags(),
        spec.getEnablePublicConnectivity(),
        stack);
  }

  @Override
  public ChangeVerdict judgeChange(ClusterSpec current, ClusterSpec next) {
    return ChangeRules.judge(current, next);
  }

  @Override
  public ClusterFacts facts(ClusterSpec spec) {
    return new ClusterFacts(spec.engine(), spec.version(), spec.region(), spec.size(), spec.nodeCount());
  }

  @Override
  public ManagedResource.Labels labels(ClusterSpec spec) {
    return new ManagedResource.Labels(spec.engine(), spec.region());
  }
}
