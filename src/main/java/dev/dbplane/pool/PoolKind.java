package dev.dbplane.pool;

import dev.dbplane.engine.Secret;
import dev.dbplane.engine.SpecType;
import dev.dbplane.engine.StackName;
import dev.dbplane.resource.AttachedKind;
import dev.dbplane.resource.ChangeVerdict;
import dev.dbplane.resource.ClusterFacts;
import dev.dbplane.resource.Findings;
import dev.dbplane.resource.KindIdentity;
import dev.dbplane.resource.OutputNames;
import dev.dbplane.resource.References;
import dev.dbplane.resource.Replacements;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.project_planton.provider.digitalocean.digitaloceandatabaseconnectionpool.v1.DigitalOceanDatabaseConnectionPool;
import org.project_planton.provider.digitalocean.digitaloceandatabaseconnectionpool.v1.DigitalOceanDatabaseConnectionPoolMode;
import org.project_planton.provider.digitalocean.digitaloceandatabaseconnectionpool.v1.DigitalOceanDatabaseConnectionPoolSpec;
import org.project_planton.provider.digitalocean.digitaloceandatabaseconnectionpool.v1.DigitalOceanDatabaseConnectionPoolStackInput;
import org.project_planton.shared.foreignkey.v1.StringValueOrRef;
import org.springframework.stereotype.Component;

/** A PgBouncer connection pool of a managed PostgreSQL cluster. */
@Component
public final class PoolKind implements AttachedKind<DigitalOceanDatabaseConnectionPool, PoolSpec> {

  /** The pool's name, messages and outputs; its program exports exactly these outputs. */
  private static final KindIdentity<DigitalOceanDatabaseConnectionPool> IDENTITY = new KindIdentity<>(
      "DigitalOceanDatabaseConnectionPool", "connection pool",
      DigitalOceanDatabaseConnectionPool.class, DigitalOceanDatabaseConnectionPoolStackInput.class,
      new OutputNames(List.of("id", "name", "host", "port", "uri", "private_uri", "password"), Set.of("uri", "private_uri", "password"), "id"));

  public static final String NAME = IDENTITY.name();
  public static final String NOUN = IDENTITY.noun();
  public static final OutputNames OUTPUTS = IDENTITY.outputs();

  @Override
  public KindIdentity<DigitalOceanDatabaseConnectionPool> identity() {
    return IDENTITY;
  }
  /** A pool goes before the user it connects as and the database it connects to. */
  @Override
  public int destroyOrder() {
    return 0;
  }


  @Override
  public SpecType<PoolSpec> specType() {
    return PoolSpec.TYPE;
  }

  @Override
  public String resourceName(DigitalOceanDatabaseConnectionPool manifest) {
    return manifest.getSpec().getName();
  }

  @Override
  public void checkRules(DigitalOceanDatabaseConnectionPool manifest, Optional<Secret> requestToken, Findings findings) {
    if (manifest.getSpec().hasCluster()) {
      References.checkCluster(manifest.getSpec().getCluster(), clusterField(), findings);
    }
  }

  @Override
  public void advise(DigitalOceanDatabaseConnectionPool manifest, Optional<Secret> requestToken, Findings findings) {
    if (manifest.getSpec().getMode() == DigitalOceanDatabaseConnectionPoolMode.statement) {
      findings.advise("spec.mode", "dbplane.pool_statement_mode",
          "statement mode refuses transactions of more than one statement; most applications need transaction mode");
    }
  }

  @Override
  public PoolSpec normalise(DigitalOceanDatabaseConnectionPool manifest, StackName stack) {
    DigitalOceanDatabaseConnectionPoolSpec spec = manifest.getSpec();
    return new PoolSpec(
        References.literalClusterId(spec.getCluster()),
        spec.getName(),
        spec.getMode().name(),
        spec.getSize(),
        spec.getDbName(),
        spec.getUser().isEmpty() ? null : spec.getUser(),
        stack);
  }

  /** The provider replaces a pool for any change of its inputs; the pool's clients lose their connections. */
  @Override
  public ChangeVerdict judgeChange(PoolSpec current, PoolSpec next) {
    return new Replacements("dbplane.change.replaces_pool", "the connection pool, which cuts the connections of its clients")
        .ifChanged(clusterField(), current.clusterId(), next.clusterId())
        .ifChanged("spec.name", current.name(), next.name())
        .ifChanged("spec.mode", current.mode(), next.mode())
        .ifChanged("spec.size", current.size(), next.size())
        .ifChanged("spec.db_name", current.dbName(), next.dbName())
        .ifChanged("spec.user", current.user(), next.user())
        .verdict();
  }

  @Override
  public StringValueOrRef clusterOf(DigitalOceanDatabaseConnectionPool manifest) {
    return manifest.getSpec().getCluster();
  }

  @Override
  public void checkAgainst(DigitalOceanDatabaseConnectionPool manifest, ClusterFacts cluster, List<PoolSpec> others, Findings findings) {
    PoolRules.checkAgainst(manifest.getSpec(), cluster, others, findings);
  }

  @Override
  public PoolSpec bindCluster(PoolSpec spec, String clusterId) {
    return new PoolSpec(clusterId, spec.name(), spec.mode(), spec.size(), spec.dbName(), spec.user(), spec.stack());
  }
}
