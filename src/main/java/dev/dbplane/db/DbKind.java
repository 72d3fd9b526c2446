package dev.dbplane.db;

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
import org.project_planton.provider.digitalocean.digitaloceandatabasedb.v1.DigitalOceanDatabaseDb;
import org.project_planton.provider.digitalocean.digitaloceandatabasedb.v1.DigitalOceanDatabaseDbStackInput;
import org.project_planton.shared.foreignkey.v1.StringValueOrRef;
import org.springframework.stereotype.Component;

/** A database inside a managed cluster. */
@Component
public final class DbKind implements AttachedKind<DigitalOceanDatabaseDb, DbSpec> {

  /** The database's name, messages and outputs; its program exports exactly these outputs. */
  private static final KindIdentity<DigitalOceanDatabaseDb> IDENTITY = new KindIdentity<>(
      "DigitalOceanDatabaseDb", "database", DigitalOceanDatabaseDb.class, DigitalOceanDatabaseDbStackInput.class,
      new OutputNames(List.of("id", "name"), Set.of(), "id"));

  public static final String NAME = IDENTITY.name();
  public static final String NOUN = IDENTITY.noun();
  public static final OutputNames OUTPUTS = IDENTITY.outputs();

  @Override
  public KindIdentity<DigitalOceanDatabaseDb> identity() {
    return IDENTITY;
  }

  @Override
  public SpecType<DbSpec> specType() {
    return DbSpec.TYPE;
  }

  @Override
  public String resourceName(DigitalOceanDatabaseDb manifest) {
    return manifest.getSpec().getName();
  }

  @Override
  public void checkRules(DigitalOceanDatabaseDb manifest, Optional<Secret> requestToken, Findings findings) {
    if (manifest.getSpec().hasCluster()) {
      References.checkCluster(manifest.getSpec().getCluster(), clusterField(), findings);
    }
  }

  /** A database's choices have nothing to regret that the rules do not already refuse. */
  @Override
  public void advise(DigitalOceanDatabaseDb manifest, Optional<Secret> requestToken, Findings findings) {}

  @Override
  public DbSpec normalise(DigitalOceanDatabaseDb manifest, StackName stack) {
    return new DbSpec(References.literalClusterId(manifest.getSpec().getCluster()), manifest.getSpec().getName(), stack);
  }

  /** The provider replaces a database for any change (its cluster, its name), and its data goes with it. */
  @Override
  public ChangeVerdict judgeChange(DbSpec current, DbSpec next) {
    return new Replacements("dbplane.change.replaces_database", "the database, which destroys its data")
        .ifChanged(clusterField(), current.clusterId(), next.clusterId())
        .ifChanged("spec.name", current.name(), next.name())
        .verdict();
  }

  @Override
  public StringValueOrRef clusterOf(DigitalOceanDatabaseDb manifest) {
    return manifest.getSpec().getCluster();
  }

  @Override
  public void checkAgainst(DigitalOceanDatabaseDb manifest, ClusterFacts cluster, List<DbSpec> others, Findings findings) {
    DbRules.checkAgainst(manifest.getSpec(), cluster, others, findings);
  }

  @Override
  public DbSpec bindCluster(DbSpec spec, String clusterId) {
    return new DbSpec(clusterId, spec.name(), spec.stack());
  }
}
