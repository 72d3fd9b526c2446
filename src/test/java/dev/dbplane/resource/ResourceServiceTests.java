package dev.dbplane.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbplane.cluster.ClusterKind;
import dev.dbplane.cluster.ClusterSpec;
import dev.dbplane.engine.Operation;
import dev.dbplane.support.EngineForTests;
import dev.dbplane.support.Manifests;
import dev.dbplane.support.TestDatabases;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseCluster;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseEngine;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The pipeline's service on the embedded database, called directly for the cluster kind: what an
 * accepted request writes, in one go, and that a refused one writes nothing. Jobs run on the
 * scripted engine.
 */
@SpringBootTest(properties = "dbplane.engine=scripted")
@Import(EngineForTests.class)
class ResourceServiceTests {

  private static final String BY = "operator";

  @Autowired ResourceServices services;
  @Autowired ClusterKind clusterKind;
  ResourceService<DigitalOceanDatabaseCluster, ClusterSpec> clusters;
  @Autowired JdbcClient jdbc;

  @BeforeEach
  void clusters() {
    clusters = services.of(clusterKind);
  }

  @DynamicPropertySource
  static void h2(DynamicPropertyRegistry registry) {
    TestDatabases.h2(registry);
  }

  @Test
  void aCreateWritesTheClusterItsTokenAndItsFirstJobOfItsKind() {
    String name = Manifests.uniqueName("create");
    Submission created = clusters.create(stackInput(named(name)), BY);

    assertThat(created.resource().name()).isEqualTo(name);
    assertThat(created.job().operation()).isEqualTo(Operation.UP);
    assertThat(created.job().spec()).isInstanceOfSatisfying(ClusterSpec.class, spec -> {
      assertThat(spec.clusterName()).isEqualTo(name);
      assertThat(spec.engine()).isEqualTo("pg");
    });
    UUID id = created.resource().id();
    assertThat(jdbc.sql("select count(*) from resource_credentials where resource_id = ?").param(id.toString()).query(Integer.class).single()).isOne();
    assertThat(jdbc.sql("select kind from resources where id = ?").param(id.toString()).query(String.class).single()).isEqualTo(ClusterKind.NAME);
    assertThat(clusters.manifestOf(clusters.get(id).resource()).getSpec().getClusterName()).isEqualTo(name);
    assertThat(jdbc.sql("select kind from jobs where id = ?").param(created.job().id().toString()).query(String.class).single())
        .isEqualTo(ClusterKind.NAME);
    assertThat(audited(id)).contains("cluster.create");
  }

  @Test
  void aRefusedCreateWritesNothing() {
    String name = Manifests.uniqueName("refused");
    DigitalOceanDatabaseCluster bad = Manifests.withSpec(s -> s.setClusterName(name).setNodeCount(4));

    assertThatThrownBy(() -> clusters.create(stackInput(bad), BY)).isInstanceOf(InvalidSpecException.class);
    assertThat(jdbc.sql("select count(*) from resources where name = ?").param(name).query(Integer.class).single()).isZero();
    assertThat(jdbc.sql("select count(*) from jobs where cluster_name = ?").param(name).query(Integer.class).single()).isZero();
  }

  @Test
  void aCreateOfATakenNameIsRefused() {
    String name = Manifests.uniqueName("taken");
    clusters.create(stackInput(named(name)), BY);

    assertThatThrownBy(() -> clusters.create(stackInput(named(name)), BY)).isInstanceOfSatisfying(ResourceAlreadyExistsException.class, e -> assertThat(e).hasMessage("a cluster named " + name + " already exists"));
  }

  @Test
  void anUpdateFromAStaleReadIsRefusedAndWritesNothing() {
    ManagedResource cluster = clusters.create(stackInput(named(Manifests.uniqueName("stale"))), BY).resource();
    DigitalOceanDatabaseCluster resized = manifest(cluster).toBuilder().setSpec(manifest(cluster).getSpec().toBuilder().setNodeCount(2)).build();

    assertThatThrownBy(() -> clusters.update(cluster.id(), ResourceRequest.of(resized), "\"0\"", false, BY))
        .isInstanceOf(SpecVersionMismatchException.class);
    assertThat(clusters.get(cluster.id()).resource().specVersion()).isEqualTo(1);
  }

  @Test
  void theKindsChangeRulesJudgeAnUpdate() {
    ManagedResource cluster = clusters.create(stackInput(named(Manifests.uniqueName("change"))), BY).resource();
    DigitalOceanDatabaseCluster otherEngine =
        manifest(cluster).toBuilder().setSpec(manifest(cluster).getSpec().toBuilder().setEngine(DigitalOceanDatabaseEngine.mysql).setEngineVersion("8")).build();
    DigitalOceanDatabaseCluster smallerNodes =
        manifest(cluster).toBuilder().setSpec(manifest(cluster).getSpec().toBuilder().setSizeSlug("db-s-1vcpu-2gb")).build();

    assertThatThrownBy(() -> clusters.update(cluster.id(), ResourceRequest.of(otherEngine), cluster.etag(), false, BY))
        .isInstanceOfSatisfying(ReplacementNotConfirmedException.class,
            e -> assertThat(e.changes()).extracting(v -> v.field()).contains("spec.engine"));
    assertThatThrownBy(() -> clusters.update(cluster.id(), ResourceRequest.of(smallerNodes), cluster.etag(), false, BY))
        .isInstanceOf(UnsupportedChangeException.class);
    assertThat(clusters.get(cluster.id()).resource().specVersion()).isEqualTo(1);
  }

  @Test
  void aDestroyNeedsTheClustersName() {
    ManagedResource cluster = clusters.create(stackInput(named(Manifests.uniqueName("destroy"))), BY).resource();

    assertThatThrownBy(() -> clusters.destroy(cluster.id(), "another-name", false, BY)).isInstanceOf(DestroyNotConfirmedException.class);
    assertThat(clusters.get(cluster.id()).resource().state()).isNotEqualTo(ResourceState.DESTROYING);
  }

  private DigitalOceanDatabaseCluster manifest(ManagedResource cluster) {
    return clusters.manifestOf(cluster);
  }

  private static DigitalOceanDatabaseCluster named(String name) {
    return Manifests.valid()
        .setMetadata(Manifests.valid().getMetadata().toBuilder().setName(name))
        .setSpec(Manifests.validSpec().setClusterName(name))
        .build();
  }

  private static ResourceRequest<DigitalOceanDatabaseCluster> stackInput(DigitalOceanDatabaseCluster manifest) {
    return ResourceRequest.ofStackInput(Manifests.stackInput(manifest), DigitalOceanDatabaseCluster.class);
  }

  private List<String> audited(UUID clusterId) {
    return jdbc.sql("select action from audit_events where cluster_id = ?").param(clusterId.toString()).query(String.class).list();
  }
}
