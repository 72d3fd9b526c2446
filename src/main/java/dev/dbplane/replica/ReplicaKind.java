package dev.dbplane.replica;

import dev.dbplane.engine.Secret;
import dev.dbplane.engine.SpecType;
import dev.dbplane.engine.StackName;
import dev.dbplane.resource.AttachedKind;
import dev.dbplane.resource.ChangeVerdict;
import dev.dbplane.resource.ClusterFacts;
import dev.dbplane.resource.Findings;
import dev.dbplane.resource.KindIdentity;
import dev.dbplane.resource.NodeSize;
import dev.dbplane.resource.OutputNames;
import dev.dbplane.resource.References;
import dev.dbplane.resource.ResourceTags;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.project_planton.provider.digitalocean.digitaloceandatabasereplica.v1.DigitalOceanDatabaseReplica;
import org.project_planton.provider.digitalocean.digitaloceandatabasereplica.v1.DigitalOceanDatabaseReplicaSpec;
import org.project_planton.provider.digitalocean.digitaloceandatabasereplica.v1.DigitalOceanDatabaseReplicaStackInput;
import org.project_planton.shared.foreignkey.v1.StringValueOrRef;
import org.springframework.stereotype.Component;

/**
 * A read-only replica of a database cluster: DigitalOcean keeps a copy of a PostgreSQL or MySQL
 * cluster on its own node, usually in another region, for reads.
 */
@Component
public final class ReplicaKind implements AttachedKind<DigitalOceanDatabaseReplica, ReplicaSpec> {

  /** The replica's name, messages and outputs; its program exports exactly these outputs. */
  private static final KindIdentity<DigitalOceanDatabaseReplica> IDENTITY = new KindIdentity<>(
      "DigitalOceanDatabaseReplica", "replica", DigitalOceanDatabaseReplica.class, DigitalOceanDatabaseReplicaStackInput.class,
      new OutputNames(
          List.of("id", "host", "port", "uri", "private_uri", "database", "user", "password"),
          Set.of("uri", "private_uri", "password"),
          "id"));

  public static final String NAME = IDENTITY.name();
  public static final String NOUN = IDENTITY.noun();
  public static final OutputNames OUTPUTS = IDENTITY.outputs();

  static final int MIB_PER_GIB = 1024;

  /** DigitalOcean's engine slugs that have read-only replicas. */
  private static final Set<String> ENGINES_WITH_REPLICAS = Set.of("pg", "mysql");

  @Override
  public KindIdentity<DigitalOceanDatabaseReplica> identity() {
    return IDENTITY;
  }

  @Override
  public SpecType<ReplicaSpec> specType() {
    return ReplicaSpec.TYPE;
  }

  @Override
  public String resourceName(DigitalOceanDatabaseReplica manifest) {
    return manifest.getSpec().getName();
  }

  /** The name, region, size and storage are the model's rules; the references are the service's. */
  @Override
  public void checkRules(DigitalOceanDatabaseReplica manifest, Optional<Secret> requestToken, Findings findings) {
    References.checkCluster(manifest.getSpec().getCluster(), "spec.cluster", findings);
    References.checkVpc(manifest.getSpec().getPrivateNetwork(), "spec.private_network", findings);
  }

  @Override
  public void advise(DigitalOceanDatabaseReplica manifest, Optional<Secret> requestToken, Findings findings) {
    ResourceTags.of(manifest.getMetadata(), NAME).adviseIfRewritten(findings);
  }

  @Override
  public ReplicaSpec normalise(DigitalOceanDatabaseReplica manifest, StackName stack) {
    DigitalOceanDatabaseReplicaSpec spec = manifest.getSpec();
    long storageMib = Integer.toUnsignedLong(spec.getStorageGib()) * MIB_PER_GIB;
    return new ReplicaSpec(
        References.literalClusterId(spec.getCluster()),
        spec.getName(),
        spec.getRegion().name(),
        spec.getSizeSlug(),
        References.vpcUuid(spec.getPrivateNetwork()),
        storageMib == 0 ? null : Long.toString(storageMib),
        ResourceTags.of(manifest.getMetadata(), NAME).tags(),
        stack);
  }

  @Override
  public ChangeVerdict judgeChange(ReplicaSpec current, ReplicaSpec next) {
    return ReplicaChanges.judge(current, next);
  }

  @Override
  public StringValueOrRef clusterOf(DigitalOceanDatabaseReplica manifest) {
    return manifest.getSpec().getCluster();
  }

  /**
   * DigitalOcean replicates PostgreSQL and MySQL only, onto a node at least as large as the
   * cluster's; a replica's name is unique within its cluster.
   */
  @Override
  public void checkAgainst(DigitalOceanDatabaseReplica manifest, ClusterFacts cluster, List<ReplicaSpec> others, Findings findings) {
    DigitalOceanDatabaseReplicaSpec spec = manifest.getSpec();
    if (!ENGINES_WITH_REPLICAS.contains(cluster.engine())) {
      findings.violation("spec.cluster", "dbplane.replica.engine",
          "the cluster's engine is " + cluster.engine() + ", and DigitalOcean has read-only replicas for PostgreSQL (pg) and MySQL only");
    }
    Optional<NodeSize> replicaSize = NodeSize.of(spec.getSizeSlug());
    Optional<NodeSize> clusterSize = NodeSize.of(cluster.size());
    if (replicaSize.isPresent() && clusterSize.isPresent() && replicaSize.get().smallerThan(clusterSize.get())) {
      findings.violation("spec.size_slug", "dbplane.replica.size_smaller",
          "a replica's node must be at least as large as the cluster's (" + cluster.size() + ": " + clusterSize.get().describe()
              + "); " + spec.getSizeSlug() + " has " + replicaSize.get().describe());
    }
    if (others.stream().anyMatch(other -> other.name().equals(spec.getName()))) {
      findings.violation("spec.name", "dbplane.replica.name_taken",
          "the cluster already has a replica named " + spec.getName() + "; a replica's name is unique within its cluster");
    }
  }

  @Override
  public ReplicaSpec bindCluster(ReplicaSpec spec, String clusterId) {
    return spec.withClusterId(clusterId);
  }
}
