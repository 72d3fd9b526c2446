package dev.dbplane.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.dbplane.engine.StackName;
import dev.dbplane.resource.Advisory;
import dev.dbplane.resource.ChangeVerdict;
import dev.dbplane.resource.ClusterFacts;
import dev.dbplane.resource.Findings;
import dev.dbplane.resource.ResourceRequest;
import dev.dbplane.resource.ResourceValidator;
import dev.dbplane.resource.ValidationOutcome;
import dev.dbplane.resource.Violation;
import dev.dbplane.support.Manifests;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.project_planton.provider.digitalocean.DigitalOceanRegion;
import org.project_planton.provider.digitalocean.digitaloceandatabasereplica.v1.DigitalOceanDatabaseReplica;
import org.project_planton.provider.digitalocean.digitaloceandatabasereplica.v1.DigitalOceanDatabaseReplicaSpec;
import org.project_planton.provider.digitalocean.digitaloceandatabasereplica.v1.DigitalOceanDatabaseReplicaStackInput;
import org.project_planton.shared.foreignkey.v1.StringValueOrRef;
import org.project_planton.shared.foreignkey.v1.ValueFromRef;

class ReplicaKindTest {

  private static final ResourceValidator<DigitalOceanDatabaseReplica, ReplicaSpec> VALIDATOR = new ResourceValidator<>(new ReplicaKind(), true);
  private static final ReplicaKind KIND = new ReplicaKind();
  private static final ClusterFacts PG = new ClusterFacts("pg", "16", "nyc3", "db-s-2vcpu-4gb", 3);
  private static final StackName STACK = new StackName("organization", "dbplane", "orders-db-read-ams3");
  private static final String VPC = "5a4981aa-9653-4bd1-bef5-d6bff52042e4";

  private static ValidationOutcome<ReplicaSpec> validate(DigitalOceanDatabaseReplica manifest) {
    return VALIDATOR.validate(ResourceRequest.of(manifest));
  }

  private static DigitalOceanDatabaseReplica withSpec(Consumer<DigitalOceanDatabaseReplicaSpec.Builder> change) {
    DigitalOceanDatabaseReplica.Builder manifest = Manifests.replica();
    change.accept(manifest.getSpecBuilder());
    return manifest.build();
  }

  private static List<Tuple> violations(DigitalOceanDatabaseReplica manifest) {
    return validate(manifest).violations().stream().map(v -> tuple(v.field(), v.rule())).toList();
  }

  private static ReplicaSpec spec(UnaryOperator<ReplicaSpec> change) {
    return change.apply(KIND.normalise(Manifests.replica().build(), STACK));
  }

  private static ReplicaSpec spec(String size, String storageMib) {
    ReplicaSpec base = spec(s -> s);
    return new ReplicaSpec(base.clusterId(), base.name(), base.region(), size, base.privateNetworkUuid(), storageMib, base.tags(), base.stack());
  }

  private static List<Tuple> against(ClusterFacts cluster, List<ReplicaSpec> others, DigitalOceanDatabaseReplica manifest) {
    Findings findings = new Findings("");
    KIND.checkAgainst(manifest, cluster, others, findings);
    return findings.violations().stream().map(v -> tuple(v.field(), v.rule())).toList();
  }

  // --- accepted and normalised

  @Test
  void aValidReplicaIsAcceptedWithoutAdviceAndNormalised() {
    ValidationOutcome<ReplicaSpec> outcome = validate(Manifests.replica().build());

    assertThat(outcome.violations()).isEmpty();
    assertThat(outcome.advisories()).isEmpty();
    assertThat(outcome.spec()).isEqualTo(new ReplicaSpec(
        Manifests.CLUSTER_ID, "orders-db-read-ams3", "ams3", "db-s-2vcpu-4gb", null, null,
        List.of("name:orders-db-read-ams3", "kind:DigitalOceanDatabaseReplica"), STACK));
  }

  @Test
  void theVpcStorageAndTagsAreInDigitalOceansTerms() {
    DigitalOceanDatabaseReplica.Builder manifest = Manifests.replica();
    manifest.getMetadataBuilder().setEnv("prod").addTags("team:data");
    manifest.getSpecBuilder()
        .setCluster(StringValueOrRef.newBuilder().setValue(Manifests.CLUSTER_ID.toUpperCase()))
        .setPrivateNetwork(StringValueOrRef.newBuilder().setValue(VPC.toUpperCase()))
        .setStorageGib(60);

    ReplicaSpec spec = validate(manifest.build()).provisioningSpec().orElseThrow();

    assertThat(spec.clusterId()).isEqualTo(Manifests.CLUSTER_ID);
    assertThat(spec.privateNetworkUuid()).isEqualTo(VPC);
    assertThat(spec.storageSizeMib()).isEqualTo("61440");
    assertThat(spec.tags()).containsExactly("name:orders-db-read-ams3", "env:prod", "kind:DigitalOceanDatabaseReplica", "team:data");
  }

  @Test
  void aStackInputIsJudgedWithItsTargetsPaths() {
    DigitalOceanDatabaseReplicaStackInput input = DigitalOceanDatabaseReplicaStackInput.newBuilder()
        .setTarget(withSpec(s -> s.setName("Read_Replica")))
        .setProviderConfig(Manifests.providerConfig())
        .build();

    assertThat(VALIDATOR.validate(ResourceRequest.ofStackInput(input, DigitalOceanDatabaseReplica.class)).violations())
        .extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("target.spec.name", "string.pattern"));
  }

  @Test
  void aClusterNamedByReferenceIsBoundLater() {
    DigitalOceanDatabaseReplica manifest = withSpec(s -> s.setCluster(
        StringValueOrRef.newBuilder().setValueFrom(ValueFromRef.newBuilder().setName("orders-db").setEnv("prod"))));
    ReplicaSpec spec = validate(manifest).provisioningSpec().orElseThrow();

    assertThat(spec.clusterId()).isEmpty();
    assertThat(KIND.clusterOf(manifest).getValueFrom().getEnv()).isEqualTo("prod");
    assertThat(KIND.bindCluster(spec, Manifests.CLUSTER_ID).clusterId()).isEqualTo(Manifests.CLUSTER_ID);
  }

  // --- the model's rules and the service's

  @ParameterizedTest
  @ValueSource(strings = {"ab", "1replica", "replica-", "Replica", "read_replica"})
  void theNameIsDigitalOceansShapeOfAName(String name) {
    assertThat(validate(withSpec(s -> s.setName(name))).violations()).extracting(Violation::field).containsExactly("spec.name");
  }

  @Test
  void theModelRequiresTheNameRegionAndSizeAndTheCluster() {
    assertThat(violations(withSpec(s -> s.clearName().clearRegion().clearSizeSlug().clearCluster()))).containsExactlyInAnyOrder(
        tuple("spec.cluster", "required"),
        tuple("spec.name", "required"),
        tuple("spec.region", "required"),
        tuple("spec.size_slug", "required"));
  }

  @Test
  void theModelRefusesAnUnknownRegionALongNameAndAnOddSize() {
    assertThat(violations(withSpec(s -> s.setRegionValue(99).setName("r".repeat(64)).setSizeSlug("large")))).containsExactlyInAnyOrder(
        tuple("spec.region", "enum.defined_only"),
        tuple("spec.name", "string.max_len"),
        tuple("spec.size_slug", "string.pattern"));
  }

  @ParameterizedTest
  @CsvSource({"9, uint32.gte_lte", "16385, uint32.gte_lte"})
  void storageIsTheSizesDefaultOrWithinDigitalOceansBounds(int gib, String rule) {
    assertThat(violations(withSpec(s -> s.setStorageGib(gib)))).containsExactly(tuple("spec.storage_gib", rule));
    assertThat(violations(withSpec(s -> s.setStorageGib(10)))).isEmpty();
    assertThat(violations(withSpec(s -> s.setStorageGib(16_384)))).isEmpty();
  }

  @Test
  void theClusterAndTheVpcAreCheckedAsReferences() {
    assertThat(violations(withSpec(s -> s
            .setCluster(StringValueOrRef.newBuilder().setValue("orders"))
            .setPrivateNetwork(StringValueOrRef.newBuilder().setValue("vpc-1")))))
        .containsExactly(tuple("spec.cluster.value", "dbplane.cluster.uuid"), tuple("spec.private_network.value", "dbplane.vpc.uuid"));
    assertThat(violations(withSpec(s -> s.setPrivateNetwork(
            StringValueOrRef.newBuilder().setValueFrom(ValueFromRef.newBuilder().setName("main-vpc"))))))
        .containsExactly(tuple("spec.private_network.value_from", "dbplane.vpc.value_from_unsupported"));
  }

  @Test
  void tagsRewrittenFromMetadataAreAdvised() {
    DigitalOceanDatabaseReplica.Builder manifest = Manifests.replica();
    manifest.getMetadataBuilder().addTags("cost center");

    assertThat(validate(manifest.build()).advisories()).extracting(Advisory::field, Advisory::code)
        .containsExactly(tuple("metadata", "dbplane.tags_rewritten"));
  }

  // --- changes

  @Test
  void aLargerNodeAndMoreStorageChangeTheReplicaInPlace() {
    ChangeVerdict verdict = KIND.judgeChange(spec("db-s-2vcpu-4gb", "30720"), spec("db-s-4vcpu-8gb", "61440"));

    assertThat(verdict.replacements()).isEmpty();
    assertThat(verdict.unsupported()).isEmpty();
  }

  @Test
  void theClusterNameRegionVpcAndTagsReplaceTheReplica() {
    ReplicaSpec current = spec(s -> s);
    ReplicaSpec next = new ReplicaSpec("5a4981aa-0000-4bd1-bef5-d6bff52042e4", "orders-db-read-fra1", "fra1", current.size(), VPC,
        current.storageSizeMib(), List.of("name:orders-db-read-fra1"), current.stack());

    ChangeVerdict verdict = KIND.judgeChange(current, next);

    assertThat(verdict.replacements()).extracting(Violation::field, Violation::rule).containsExactly(
        tuple("spec.cluster", "dbplane.change.replaces_replica"),
        tuple("spec.name", "dbplane.change.replaces_replica"),
        tuple("spec.region", "dbplane.change.replaces_replica"),
        tuple("spec.private_network", "dbplane.change.replaces_replica"),
        tuple("metadata", "dbplane.change.replaces_replica"));
    assertThat(verdict.unsupported()).isEmpty();
  }

  @Test
  void aSmallerNodeOrLessStorageCannotBeHad() {
    ChangeVerdict verdict = KIND.judgeChange(spec("db-s-4vcpu-8gb", "61440"), spec("db-s-4vcpu-4gb", "30720"));

    assertThat(verdict.unsupported()).extracting(Violation::field, Violation::rule).containsExactly(
        tuple("spec.size_slug", "dbplane.change.size_shrink"), tuple("spec.storage_gib", "dbplane.change.storage_shrink"));
    assertThat(KIND.judgeChange(spec("db-s-2vcpu-4gb", "61440"), spec("db-s-2vcpu-4gb", null)).unsupported())
        .extracting(Violation::rule).containsExactly("dbplane.change.storage_shrink");
    assertThat(KIND.judgeChange(spec("db-s-2vcpu-4gb", null), spec("db-s-2vcpu-4gb", "10240")).unsupported()).isEmpty();
  }

  // --- against the cluster

  @ParameterizedTest
  @ValueSource(strings = {"pg", "mysql"})
  void aReplicaOfPostgresOrMysqlOfTheClustersSizeIsAccepted(String engine) {
    assertThat(against(new ClusterFacts(engine, "8", "nyc3", "db-s-2vcpu-4gb", 1), List.of(), Manifests.replica().build())).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"redis", "valkey", "mongodb"})
  void otherEnginesHaveNoReplicas(String engine) {
    assertThat(against(new ClusterFacts(engine, "8", "nyc3", "db-s-2vcpu-4gb", 1), List.of(), Manifests.replica().build()))
        .containsExactly(tuple("spec.cluster", "dbplane.replica.engine"));
  }

  @ParameterizedTest
  @CsvSource({"db-s-1vcpu-2gb", "db-s-2vcpu-2gb", "db-s-4vcpu-2gb", "db-s-1vcpu-8gb"})
  void aReplicaSmallerThanTheClusterInCpusOrMemoryIsRefused(String size) {
    Findings findings = new Findings("");
    KIND.checkAgainst(withSpec(s -> s.setSizeSlug(size)), PG, List.of(), findings);

    assertThat(findings.violations()).extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("spec.size_slug", "dbplane.replica.size_smaller"));
    assertThat(findings.violations().get(0).message()).contains("db-s-2vcpu-4gb: 2 vCPUs, 4 GiB");
  }

  @Test
  void aLargerReplicaIsAcceptedAndAClusterSizeThatTellsNothingIsNotHeldAgainstIt() {
    assertThat(against(PG, List.of(), withSpec(s -> s.setSizeSlug("gd-4vcpu-16gb")))).isEmpty();
    assertThat(against(new ClusterFacts("pg", "16", "nyc3", "custom", 1), List.of(), Manifests.replica().build())).isEmpty();
  }

  @Test
  void aNameTakenByAnotherReplicaOfTheClusterIsRefused() {
    ReplicaSpec sibling = spec(s -> s);
    ReplicaSpec other = new ReplicaSpec(sibling.clusterId(), "orders-db-read-fra1", "fra1", sibling.size(), null, null, List.of(), STACK);

    assertThat(against(PG, List.of(other), Manifests.replica().build())).isEmpty();
    assertThat(against(PG, List.of(other, sibling), Manifests.replica().build()))
        .containsExactly(tuple("spec.name", "dbplane.replica.name_taken"));
  }

  @Test
  void theKindNamesItselfAndItsOutputs() {
    assertThat(KIND.name()).isEqualTo("DigitalOceanDatabaseReplica").isEqualTo(Manifests.replica().getKind());
    assertThat(KIND.noun()).isEqualTo("replica");
    assertThat(KIND.resourceName(Manifests.replica().build())).isEqualTo("orders-db-read-ams3");
    assertThat(KIND.outputs().id()).isEqualTo("id");
    assertThat(KIND.outputs().secrets()).containsExactlyInAnyOrder("uri", "private_uri", "password");
    assertThat(ReplicaSpec.TYPE.cast(spec(s -> s)).resourceName()).isEqualTo("orders-db-read-ams3");
  }
}
