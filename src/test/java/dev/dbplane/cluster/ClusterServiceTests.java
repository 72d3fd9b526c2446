package dev.dbplane.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbplane.engine.Operation;
import dev.dbplane.resource.DestroyNotConfirmedException;
import dev.dbplane.resource.InvalidSpecException;
import dev.dbplane.resource.ReplacementNotConfirmedException;
import dev.dbplane.resource.ResourceRequest;
import dev.dbplane.resource.UnsupportedChangeException;
import dev.dbplane.support.EngineForTests;
import dev.dbplane.support.Manifests;
import dev.dbplane.support.TestDatabases;
import java.util.List;
import java.util.UUID;
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
 * The cluster's service on the embedded database, called directly: what an accepted request writes,
 * in one go, and that a refused one writes nothing. Jobs run on the scripted engine.
 */
@SpringBootTest(properties = "dbplane.engine=scripted")
@Import(EngineForTests.class)
class ClusterServiceTests {

  private static final String BY = "operator";

  @Autowired ClusterService clusters;
  @Autowired JdbcClient jdbc;

  @DynamicPropertySource
  static void h2(DynamicPropertyRegistry registry) {
    TestDatabases.h2(registry);
  }

  @Test
  void aCreateWritesTheClusterItsTokenAndItsFirstJobOfItsKind() {
    String name = Manifests.uniqueName("create");
    Submission created = clusters.create(stackInput(named(name)), BY);

    assertThat(created.cluster().name()).isEqualTo(name);
    assertThat(created.job().operation()).isEqualTo(Operation.UP);
    assertThat(created.job().spec()).isInstanceOfSatisfying(ClusterSpec.class, spec -> {
      assertThat(spec.clusterName()).isEqualTo(name);
      assertThat(spec.engine()).isEqualTo("pg");
    });
    UUID id = created.cluster().id();
    assertThat(count("cluster_credentials", id)).isOne();
    assertThat(jdbc.sql("select kind from jobs where id = ?").param(created.job().id().toString()).query(String.class).single())
        .isEqualTo(ClusterKind.NAME);
    assertThat(audited(id)).contains("cluster.create");
  }

  @Test
  void aRefusedCreateWritesNothing() {
    String name = Manifests.uniqueName("refused");
    DigitalOceanDatabaseCluster bad = Manifests.withSpec(s -> s.setClusterName(name).setNodeCount(4));

    assertThatThrownBy(() -> clusters.create(stackInput(bad), BY)).isInstanceOf(InvalidSpecException.class);
    assertThat(jdbc.sql("select count(*) from clusters where cluster_name = ?").param(name).query(Integer.class).single()).isZero();
    assertThat(jdbc.sql("select count(*) from jobs where cluster_name = ?").param(name).query(Integer.class).single()).isZero();
  }

  @Test
  void aCreateOfATakenNameIsRefused() {
    String name = Manifests.uniqueName("taken");
    clusters.create(stackInput(named(name)), BY);

    assertThatThrownBy(() -> clusters.create(stackInput(named(name)), BY)).isInstanceOf(ClusterAlreadyExistsException.class);
  }

  @Test
  void anUpdateFromAStaleReadIsRefusedAndWritesNothing() {
    Cluster cluster = clusters.create(stackInput(named(Manifests.uniqueName("stale"))), BY).cluster();
    DigitalOceanDatabaseCluster resized = cluster.manifest().toBuilder().setSpec(cluster.manifest().getSpec().toBuilder().setNodeCount(2)).build();

    assertThatThrownBy(() -> clusters.update(cluster.id(), ResourceRequest.of(resized), "\"0\"", false, BY))
        .isInstanceOf(SpecVersionMismatchException.class);
    assertThat(clusters.get(cluster.id()).cluster().specVersion()).isEqualTo(1);
  }

  @Test
  void theKindsChangeRulesJudgeAnUpdate() {
    Cluster cluster = clusters.create(stackInput(named(Manifests.uniqueName("change"))), BY).cluster();
    DigitalOceanDatabaseCluster otherEngine =
        cluster.manifest().toBuilder().setSpec(cluster.manifest().getSpec().toBuilder().setEngine(DigitalOceanDatabaseEngine.mysql).setEngineVersion("8")).build();
    DigitalOceanDatabaseCluster smallerNodes =
        cluster.manifest().toBuilder().setSpec(cluster.manifest().getSpec().toBuilder().setSizeSlug("db-s-1vcpu-2gb")).build();

    assertThatThrownBy(() -> clusters.update(cluster.id(), ResourceRequest.of(otherEngine), cluster.etag(), false, BY))
        .isInstanceOfSatisfying(ReplacementNotConfirmedException.class,
            e -> assertThat(e.changes()).extracting(v -> v.field()).contains("spec.engine"));
    assertThatThrownBy(() -> clusters.update(cluster.id(), ResourceRequest.of(smallerNodes), cluster.etag(), false, BY))
        .isInstanceOf(UnsupportedChangeException.class);
    assertThat(clusters.get(cluster.id()).cluster().specVersion()).isEqualTo(1);
  }

  @Test
  void aDestroyNeedsTheClustersName() {
    Cluster cluster = clusters.create(stackInput(named(Manifests.uniqueName("destroy"))), BY).cluster();

    assertThatThrownBy(() -> clusters.destroy(cluster.id(), "another-name", BY)).isInstanceOf(DestroyNotConfirmedException.class);
    assertThat(clusters.get(cluster.id()).cluster().state()).isNotEqualTo(ClusterState.DESTROYING);
  }

  private static DigitalOceanDatabaseCluster named(String name) {
    return Manifests.valid()
        .setMetadata(Manifests.valid().getMetadata().toBuilder().setName(name))
        .setSpec(Manifests.validSpec().setClusterName(name))
        .build();
  }

  private static ResourceRequest<DigitalOceanDatabaseCluster> stackInput(DigitalOceanDatabaseCluster manifest) {
    return ClusterKind.request(Manifests.stackInput(manifest));
  }

  private int count(String table, UUID clusterId) {
    return jdbc.sql("select count(*) from " + table + " where cluster_id = ?").param(clusterId.toString()).query(Integer.class).single();
  }

  private List<String> audited(UUID clusterId) {
    return jdbc.sql("select action from audit_events where cluster_id = ?").param(clusterId.toString()).query(String.class).list();
  }
}
