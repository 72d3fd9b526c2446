package dev.dbplane.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.dbplane.engine.StackName;
import dev.dbplane.resource.Advisory;
import dev.dbplane.resource.ResourceRequest;
import dev.dbplane.resource.ResourceValidator;
import dev.dbplane.resource.StackNames;
import dev.dbplane.resource.ValidationOutcome;
import dev.dbplane.resource.Violation;
import dev.dbplane.support.Manifests;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.project_planton.provider.digitalocean.DigitalOceanRegion;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseCluster;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseClusterSpec;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseClusterStackInput;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseClusterStatus;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseEngine;
import org.project_planton.shared.CloudResourceMetadata;
import org.project_planton.shared.foreignkey.v1.StringValueOrRef;

class ClusterValidatorTest {

  private static final ResourceValidator<DigitalOceanDatabaseCluster, ClusterSpec> WITH_DEFAULT_TOKEN = new ResourceValidator<>(ClusterKind.onSnapshot(Manifests.END_OF_LIFE_AS_OF), true);
  private static final ResourceValidator<DigitalOceanDatabaseCluster, ClusterSpec> WITHOUT_DEFAULT_TOKEN = new ResourceValidator<>(ClusterKind.onSnapshot(Manifests.END_OF_LIFE_AS_OF), false);

  private static ValidationOutcome<ClusterSpec> validate(DigitalOceanDatabaseCluster manifest) {
    return WITH_DEFAULT_TOKEN.validate(ResourceRequest.of(manifest));
  }

  private static ClusterSpec spec(DigitalOceanDatabaseCluster manifest) {
    ValidationOutcome<ClusterSpec> outcome = validate(manifest);
    assertThat(outcome.violations()).isEmpty();
    return outcome.provisioningSpec().orElseThrow();
  }

  private static ClusterSpec specWith(Consumer<DigitalOceanDatabaseClusterSpec.Builder> change) {
    return spec(Manifests.withSpec(change));
  }

  private static ClusterSpec specWithMetadata(Consumer<CloudResourceMetadata.Builder> change) {
    return spec(Manifests.withMetadata(change));
  }

  // --- outcome

  @Test
  void validManifestIsNormalisedIntoDigitalOceanTerms() {
    ValidationOutcome<ClusterSpec> outcome = validate(Manifests.valid().build());

    assertThat(outcome.valid()).isTrue();
    assertThat(outcome.violations()).isEmpty();
    assertThat(outcome.advisories()).isEmpty();
    assertThat(outcome.spec())
        .isEqualTo(
            new ClusterSpec(
                "orders-db",
                "pg",
                "16",
                "nyc3",
                "db-s-2vcpu-4gb",
                3,
                null,
                null,
                List.of("name:orders-db", "kind:DigitalOceanDatabaseCluster"),
                false,
                new StackName("organization", "dbplane", "orders-db")));
  }

  @Test
  void normalisedSpecIsAbsentWhenThereIsAnyViolation() {
    ValidationOutcome<ClusterSpec> outcome = validate(Manifests.withSpec(s -> s.setSizeSlug("large")));

    assertThat(outcome.valid()).isFalse();
    assertThat(outcome.spec()).isNull();
    assertThat(outcome.provisioningSpec()).isEmpty();
  }

  @Test
  void normalisedSpecIsAbsentWhenOnlyTheTokenIsMissingFromASubmission() {
    ValidationOutcome<ClusterSpec> outcome = WITHOUT_DEFAULT_TOKEN.validateSubmission(ResourceRequest.of(Manifests.valid().build()), false);

    assertThat(outcome.violations())
        .extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("provider_config.api_token", "dbplane.provider_config.token_required"));
    assertThat(outcome.provisioningSpec()).isEmpty();
  }

  @Test
  void normalisedSpecIsAbsentWhenOnlyAModelRuleIsBroken() {
    ValidationOutcome<ClusterSpec> outcome = validate(Manifests.valid().setKind("Droplet").build());

    assertThat(outcome.violations()).extracting(Violation::rule).containsExactly("string.const");
    assertThat(outcome.provisioningSpec()).isEmpty();
  }

  @Test
  void advisoriesDoNotBlockTheNormalisedSpec() {
    ValidationOutcome<ClusterSpec> outcome = validate(Manifests.withSpec(s -> s.setNodeCount(1).setEngineVersion("14")));

    assertThat(outcome.valid()).isTrue();
    assertThat(outcome.advisories())
        .extracting(Advisory::code)
        .containsExactly("dbplane.not_highly_available", "dbplane.catalog.version_end_of_life");
    assertThat(outcome.provisioningSpec()).isPresent();
  }

  @Test
  void advisoriesAreGivenEvenWhenTheRequestIsRefused() {
    ValidationOutcome<ClusterSpec> outcome = validate(Manifests.withSpec(s -> s.setNodeCount(1).setSizeSlug("large")));

    assertThat(outcome.valid()).isFalse();
    assertThat(outcome.advisories()).extracting(Advisory::code).containsExactly("dbplane.not_highly_available");
  }

  @Test
  void modelAndServiceViolationsAreReportedTogether() {
    ValidationOutcome<ClusterSpec> outcome =
        WITHOUT_DEFAULT_TOKEN.validateSubmission(
            ResourceRequest.of(Manifests.withSpec(s -> s.setNodeCount(4).setClusterName("Bad_Name").setEngineVersion("v16"))), false);

    assertThat(outcome.violations())
        .extracting(Violation::field, Violation::rule)
        .containsExactlyInAnyOrder(
            tuple("spec.node_count", "uint32.gte_lte"),
            tuple("spec.engine_version", "string.pattern"),
            tuple("provider_config.api_token", "dbplane.provider_config.token_required"),
            tuple("spec.cluster_name", "dbplane.cluster_name.format"));
  }

  // --- stack input and field paths

  @Test
  void validStackInputIsNormalisedWithoutAServerToken() {
    ValidationOutcome<ClusterSpec> outcome =
        WITHOUT_DEFAULT_TOKEN.validate(ResourceRequest.ofStackInput(Manifests.stackInput(Manifests.withSpec(s -> s.setRegion(DigitalOceanRegion.fra1))), DigitalOceanDatabaseCluster.class));

    assertThat(outcome.violations()).isEmpty();
    assertThat(outcome.provisioningSpec()).get().extracting(ClusterSpec::region).isEqualTo("fra1");
  }

  @Test
  void stackInputFindingsArePrefixedWithTargetButProviderConfigPathsAreNot() {
    DigitalOceanDatabaseClusterStackInput input =
        DigitalOceanDatabaseClusterStackInput.newBuilder()
            .setTarget(Manifests.withSpec(s -> s.setNodeCount(1).setClusterName("Bad_Name").setEngineVersion("v16")))
            .setProviderConfig(Manifests.providerConfig().clearApiToken())
            .build();

    ValidationOutcome<ClusterSpec> outcome = WITHOUT_DEFAULT_TOKEN.validate(ResourceRequest.ofStackInput(input, DigitalOceanDatabaseCluster.class));

    assertThat(outcome.violations())
        .extracting(Violation::field, Violation::rule)
        .containsExactlyInAnyOrder(
            tuple("target.spec.engine_version", "string.pattern"),
            tuple("provider_config.api_token", "required"),
            tuple("target.spec.cluster_name", "dbplane.cluster_name.format"));
    assertThat(outcome.advisories())
        .extracting(Advisory::field)
        .containsExactly("target.spec.node_count");
  }

  @Test
  void stackInputWithoutTargetReturnsOnlyThatViolation() {
    DigitalOceanDatabaseClusterStackInput input =
        DigitalOceanDatabaseClusterStackInput.newBuilder().setProviderConfig(Manifests.providerConfig()).build();

    for (ResourceValidator<DigitalOceanDatabaseCluster, ClusterSpec> validator : List.of(WITH_DEFAULT_TOKEN, WITHOUT_DEFAULT_TOKEN)) {
      ValidationOutcome<ClusterSpec> outcome = validator.validate(ResourceRequest.ofStackInput(input, DigitalOceanDatabaseCluster.class));
      assertThat(outcome.violations())
          .extracting(Violation::field, Violation::rule)
          .containsExactly(tuple("target", "dbplane.stack_input.target_required"));
      assertThat(outcome.advisories()).isEmpty();
      assertThat(outcome.provisioningSpec()).isEmpty();
    }
  }

  @Test
  void emptyStackInputReturnsOnlyTheMissingTarget() {
    ValidationOutcome<ClusterSpec> outcome = WITHOUT_DEFAULT_TOKEN.validate(ResourceRequest.ofStackInput(DigitalOceanDatabaseClusterStackInput.getDefaultInstance(), DigitalOceanDatabaseCluster.class));

    assertThat(outcome.violations())
        .extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("target", "dbplane.stack_input.target_required"));
  }

  @Test
  void statusInAStackInputIsRefusedUnderTarget() {
    DigitalOceanDatabaseCluster target = Manifests.valid().setStatus(DigitalOceanDatabaseClusterStatus.getDefaultInstance()).build();

    assertThat(WITH_DEFAULT_TOKEN.validate(ResourceRequest.ofStackInput(Manifests.stackInput(target), DigitalOceanDatabaseCluster.class)).violations())
        .extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("target.status", "dbplane.status.read_only"));
  }

  // --- engine

  @ParameterizedTest
  @CsvSource({"postgres,16,pg", "pg,16,pg", "mysql,8,mysql", "redis,7,redis", "valkey,8,valkey", "mongodb,8.0,mongodb"})
  void engineIsNormalisedToItsSlug(String name, String version, String slug) {
    DigitalOceanDatabaseEngine engine =
        DigitalOceanDatabaseEngine.valueOf(DigitalOceanDatabaseEngine.getDescriptor().findValueByName(name));

    ClusterSpec spec = specWith(s -> s.setEngine(engine).setEngineVersion(version));

    assertThat(spec.engine()).isEqualTo(slug);
    assertThat(spec.version()).isEqualTo(version);
  }

  @Test
  void unknownEngineNumberIsRefusedAndNotNormalised() {
    ValidationOutcome<ClusterSpec> outcome = validate(Manifests.withSpec(s -> s.setEngineValue(9)));

    assertThat(outcome.violations()).extracting(Violation::field, Violation::rule).containsExactly(tuple("spec.engine", "dbplane.engine.known"));
    assertThat(outcome.provisioningSpec()).isEmpty();
  }

  // --- region, size, nodes, public connectivity

  @ParameterizedTest
  @ValueSource(strings = {"nyc3", "sfo3", "fra1", "sgp1", "lon1", "tor1", "blr1", "ams3", "nyc1", "syd1", "atl1"})
  void regionIsNormalisedToItsSlug(String region) {
    assertThat(specWith(s -> s.setRegion(DigitalOceanRegion.valueOf(region))).region()).isEqualTo(region);
  }

  @Test
  void unknownRegionNumberIsRefusedAndNotNormalised() {
    ValidationOutcome<ClusterSpec> outcome = validate(Manifests.withSpec(s -> s.setRegionValue(99)));

    assertThat(outcome.violations()).extracting(Violation::field, Violation::rule).containsExactly(tuple("spec.region", "dbplane.region.known"));
    assertThat(outcome.provisioningSpec()).isEmpty();
  }

  @Test
  void clusterNameSizeNodesAndPublicConnectivityAreCarriedOver() {
    ClusterSpec spec =
        specWith(s -> s.setClusterName("billing-pg").setSizeSlug("gd-2vcpu-8gb").setNodeCount(2).setEnablePublicConnectivity(true));

    assertThat(spec.clusterName()).isEqualTo("billing-pg");
    assertThat(spec.size()).isEqualTo("gd-2vcpu-8gb");
    assertThat(spec.nodeCount()).isEqualTo(2);
    assertThat(spec.publicConnectivity()).isTrue();
  }

  // --- storage

  @ParameterizedTest
  @CsvSource({"10,10240", "50,51200", "200,204800", "16384,16777216"})
  void storageIsNormalisedToMibAsADecimalString(int gib, String mib) {
    assertThat(specWith(s -> s.setStorageGib(gib)).storageSizeMib()).isEqualTo(mib);
  }

  @Test
  void storageOfZeroIsNormalisedToNull() {
    assertThat(specWith(s -> s.setStorageGib(0)).storageSizeMib()).isNull();
  }

  @Test
  void inMemoryEngineWithStorageIsRefused() {
    ValidationOutcome<ClusterSpec> outcome =
        validate(Manifests.withSpec(s -> s.setEngine(DigitalOceanDatabaseEngine.valkey).setEngineVersion("8").setStorageGib(10)));

    assertThat(outcome.violations()).extracting(Violation::rule).containsExactly("dbplane.storage_gib.not_supported");
    assertThat(outcome.provisioningSpec()).isEmpty();
  }

  // --- VPC

  @Test
  void vpcUuidIsNormalisedToLowerCase() {
    assertThat(specWith(s -> s.setVpc(StringValueOrRef.newBuilder().setValue("5A4981AA-9653-4BD1-BEF5-D6BFF52042E4"))).privateNetworkUuid())
        .isEqualTo("5a4981aa-9653-4bd1-bef5-d6bff52042e4");
  }

  @Test
  void absentVpcIsNormalisedToNull() {
    assertThat(specWith(DigitalOceanDatabaseClusterSpec.Builder::clearVpc).privateNetworkUuid()).isNull();
  }

  @Test
  void emptyVpcValueIsNormalisedToNull() {
    assertThat(specWith(s -> s.setVpc(StringValueOrRef.newBuilder().setValue(""))).privateNetworkUuid()).isNull();
  }

  // --- tags

  @Test
  void tagsComeFromTheMetadataInTheirStableOrder() {
    ClusterSpec spec =
        specWithMetadata(
            m ->
                m.setOrg("acme")
                    .setEnv("dev")
                    .setId("dodbc-1")
                    .putLabels("team", "payments")
                    .putLabels("pci", "")
                    .putLabels("app", "orders")
                    .addTags("billing")
                    .addTags("team:payments")
                    .addTags("billing"));

    assertThat(spec.tags())
        .containsExactly(
            "name:orders-db",
            "org:acme",
            "env:dev",
            "id:dodbc-1",
            "kind:DigitalOceanDatabaseCluster",
            "app:orders",
            "pci",
            "team:payments",
            "billing");
  }

  @Test
  void rewrittenTagsAreNormalisedAndAdvised() {
    DigitalOceanDatabaseCluster manifest = Manifests.withMetadata(m -> m.addTags("cost center/42"));

    ValidationOutcome<ClusterSpec> outcome = validate(manifest);

    assertThat(outcome.advisories()).extracting(Advisory::field, Advisory::code).containsExactly(tuple("metadata", "dbplane.tags_rewritten"));
    assertThat(outcome.provisioningSpec().orElseThrow().tags()).endsWith("cost-center-42");
  }

  @Test
  void overlongTagIsRefusedButOneOfAManifestStoredBeforeTheBoundIsCutTo255Characters() {
    DigitalOceanDatabaseCluster manifest = Manifests.withMetadata(m -> m.addTags("x".repeat(300)));

    assertThat(validate(manifest).violations())
        .extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("metadata.tags[0]", "dbplane.length"));
    assertThat(WITH_DEFAULT_TOKEN.normalise(manifest).tags()).last().isEqualTo("x".repeat(255));
  }

  // --- stack name

  @Test
  void stackNameIsTakenFromTheFqdnLabel() {
    assertThat(specWithMetadata(m -> m.setOrg("acme").putLabels(StackNames.FQDN_LABEL, "planton/databases/prod.orders")).stack())
        .isEqualTo(new StackName("planton", "databases", "prod.orders"));
  }

  @Test
  void stackNameIsTakenFromTheThreeSeparateLabels() {
    ClusterSpec spec =
        specWithMetadata(
            m ->
                m.putLabels(StackNames.ORGANIZATION_LABEL, "planton")
                    .putLabels(StackNames.PROJECT_LABEL, "databases")
                    .putLabels(StackNames.STACK_LABEL, "prod.orders"));

    assertThat(spec.stack().fullyQualified()).isEqualTo("planton/databases/prod.orders");
  }

  @Test
  void stackNameIsDerivedFromOrgEnvAndName() {
    assertThat(specWithMetadata(m -> m.setOrg("Acme Corp").setEnv("Prod").setName("Orders DB")).stack())
        .isEqualTo(new StackName("acme-corp", "dbplane", "prod.orders-db"));
  }

  @Test
  void derivedStackNameDefaultsTheOrganizationAndOmitsAMissingEnv() {
    assertThat(specWithMetadata(m -> m.clearOrg().clearEnv()).stack().fullyQualified()).isEqualTo("organization/dbplane/orders-db");
  }

  @Test
  void derivedStackNameUsesTheClusterNameWhenMetadataHasNoName() {
    ClusterSpec spec =
        spec(Manifests.valid().setMetadata(CloudResourceMetadata.newBuilder().setEnv("dev")).setSpec(Manifests.validSpec().setClusterName("billing-pg")).build());

    assertThat(spec.stack()).isEqualTo(new StackName("organization", "dbplane", "dev.billing-pg"));
  }

  @Test
  void malformedFqdnLabelIsRefusedAndNotNormalised() {
    ValidationOutcome<ClusterSpec> outcome = validate(Manifests.withMetadata(m -> m.putLabels(StackNames.FQDN_LABEL, "acme/dbplane")));

    assertThat(outcome.violations())
        .extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("metadata.labels[\"pulumi.project-planton.org/stack.fqdn\"]", "dbplane.stack_fqdn.format"));
    assertThat(outcome.provisioningSpec()).isEmpty();
  }

  // --- the seed sample

  @Test
  void plantonSamplePostgresManifestIsNormalisedAsTheSeedDescribes() {
    DigitalOceanDatabaseCluster manifest =
        Manifests.valid()
            .setMetadata(CloudResourceMetadata.newBuilder().setName("prod-postgres").setOrg("acme").setEnv("prod"))
            .setSpec(
                Manifests.validSpec()
                    .setClusterName("prod-postgres")
                    .setSizeSlug("db-s-4vcpu-8gb")
                    .setVpc(StringValueOrRef.newBuilder().setValue("12345678-1234-1234-1234-123456789012"))
                    .setStorageGib(200))
            .build();

    ValidationOutcome<ClusterSpec> outcome = validate(manifest);

    assertThat(outcome.advisories()).isEmpty();
    assertThat(outcome.spec())
        .isEqualTo(
            new ClusterSpec(
                "prod-postgres",
                "pg",
                "16",
                "nyc3",
                "db-s-4vcpu-8gb",
                3,
                "12345678-1234-1234-1234-123456789012",
                "204800",
                List.of("name:prod-postgres", "org:acme", "env:prod", "kind:DigitalOceanDatabaseCluster"),
                false,
                new StackName("acme", "dbplane", "prod.prod-postgres")));
  }
}
