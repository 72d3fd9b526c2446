package dev.dbplane.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.dbplane.catalog.DatabaseCatalog;
import dev.dbplane.resource.Findings;
import dev.dbplane.resource.RequestRules;
import dev.dbplane.resource.ResourceRequest;
import dev.dbplane.resource.StackNames;
import dev.dbplane.resource.Violation;
import dev.dbplane.support.Manifests;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseCluster;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseClusterSpec;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseClusterStackInput;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseClusterStackOutputs;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseClusterStatus;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseEngine;
import org.project_planton.shared.cloudresourcekind.CloudResourceKind;
import org.project_planton.shared.foreignkey.v1.StringValueOrRef;
import org.project_planton.shared.foreignkey.v1.ValueFromRef;

class ServiceRulesTest {

  private static final String FQDN_FIELD = "metadata.labels[\"pulumi.project-planton.org/stack.fqdn\"]";

  /** Violations of the service's rules for a bare manifest, on a server that holds a default token. */
  private static List<Violation> violations(DigitalOceanDatabaseCluster manifest) {
    return violations(ResourceRequest.of(manifest), true);
  }

  private static List<Violation> violations(ResourceRequest<DigitalOceanDatabaseCluster> request, boolean defaultTokenConfigured) {
    Findings findings = new Findings(request.manifestPath());
    if (new RequestRules(defaultTokenConfigured).check(request, ClusterKind.onSnapshot(Manifests.END_OF_LIFE_AS_OF), RequestRules.MissingToken.REFUSE, findings)) {
      ServiceRules.check(request.manifest().getSpec(), DatabaseCatalog.snapshot().current().options(), findings);
    }
    assertThat(findings.advisories()).isEmpty();
    return findings.violations();
  }

  private static List<Violation> specViolations(Consumer<DigitalOceanDatabaseClusterSpec.Builder> change) {
    return violations(Manifests.withSpec(change));
  }

  private static List<String> rules(List<Violation> violations) {
    return violations.stream().map(Violation::rule).toList();
  }

  @Test
  void validManifestBreaksNoServiceRule() {
    assertThat(violations(Manifests.valid().build())).isEmpty();
  }

  // --- dbplane.stack_input.target_required

  @Test
  void stackInputWithoutTargetReportsOnlyTheMissingTarget() {
    // No provider config and no server token either: the token rule is not reported on top.
    ResourceRequest<DigitalOceanDatabaseCluster> request = ResourceRequest.ofStackInput(DigitalOceanDatabaseClusterStackInput.getDefaultInstance(), DigitalOceanDatabaseCluster.class);

    assertThat(violations(request, false))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.field()).isEqualTo("target");
              assertThat(v.rule()).isEqualTo("dbplane.stack_input.target_required");
            });
  }

  // --- dbplane.provider_config.token_required

  @Test
  void manifestWithoutServerDefaultTokenNeedsAToken() {
    assertThat(violations(ResourceRequest.of(Manifests.valid().build()), false))
        .extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("provider_config.api_token", "dbplane.provider_config.token_required"));
  }

  @Test
  void manifestIsAcceptedWithoutTokenWhenTheServerHasADefaultToken() {
    assertThat(violations(ResourceRequest.of(Manifests.valid().build()), true)).isEmpty();
  }

  @Test
  void stackInputWithProviderConfigNeedsNoServerDefaultToken() {
    assertThat(violations(ResourceRequest.ofStackInput(Manifests.stackInput(Manifests.valid().build()), DigitalOceanDatabaseCluster.class), false)).isEmpty();
  }

  @Test
  void stackInputWithoutProviderConfigNeedsATokenAtAnUnprefixedPath() {
    DigitalOceanDatabaseClusterStackInput input =
        DigitalOceanDatabaseClusterStackInput.newBuilder().setTarget(Manifests.valid()).build();

    assertThat(violations(ResourceRequest.ofStackInput(input, DigitalOceanDatabaseCluster.class), false))
        .extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("provider_config.api_token", "dbplane.provider_config.token_required"));
    assertThat(violations(ResourceRequest.ofStackInput(input, DigitalOceanDatabaseCluster.class), true)).isEmpty();
  }

  // --- dbplane.status.read_only

  @Test
  void statusSentByTheCallerIsRefused() {
    DigitalOceanDatabaseCluster manifest =
        Manifests.valid()
            .setStatus(
                DigitalOceanDatabaseClusterStatus.newBuilder()
                    .setOutputs(DigitalOceanDatabaseClusterStackOutputs.newBuilder().setClusterId("abc")))
            .build();

    assertThat(violations(manifest))
        .extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("status", "dbplane.status.read_only"));
  }

  @Test
  void emptyStatusMessageIsStillRefused() {
    DigitalOceanDatabaseCluster manifest =
        Manifests.valid().setStatus(DigitalOceanDatabaseClusterStatus.getDefaultInstance()).build();

    assertThat(rules(violations(manifest))).containsExactly("dbplane.status.read_only");
  }

  // --- dbplane.stack_fqdn.format

  @ParameterizedTest
  @ValueSource(strings = {"", "acme", "acme/dbplane", "acme//prod", "/dbplane/prod", "acme/dbplane/", "a/b/c/d", " /dbplane/prod"})
  void malformedStackFqdnLabelIsRefused(String fqdn) {
    DigitalOceanDatabaseCluster manifest = Manifests.withMetadata(m -> m.putLabels(StackNames.FQDN_LABEL, fqdn));

    assertThat(violations(manifest))
        .extracting(Violation::field, Violation::rule)
        .containsExactly(tuple(FQDN_FIELD, "dbplane.stack_fqdn.format"));
  }

  @Test
  void wellFormedStackFqdnLabelIsAccepted() {
    DigitalOceanDatabaseCluster manifest =
        Manifests.withMetadata(m -> m.putLabels(StackNames.FQDN_LABEL, "acme/dbplane/prod.orders-db"));

    assertThat(violations(manifest)).isEmpty();
  }

  // --- dbplane.engine.known and dbplane.region.known

  @Test
  void unknownEngineNumberIsRefused() {
    List<Violation> violations = specViolations(s -> s.setEngineValue(9));

    assertThat(violations)
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.field()).isEqualTo("spec.engine");
              assertThat(v.rule()).isEqualTo("dbplane.engine.known");
              assertThat(v.message()).contains("9");
            });
  }

  @Test
  void unknownRegionNumberIsRefused() {
    List<Violation> violations = specViolations(s -> s.setRegionValue(99));

    assertThat(violations)
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.field()).isEqualTo("spec.region");
              assertThat(v.rule()).isEqualTo("dbplane.region.known");
              assertThat(v.message()).contains("99");
            });
  }

  @Test
  void unspecifiedEngineAndRegionAreLeftToTheModelRules() {
    assertThat(specViolations(s -> s.clearEngine().clearRegion())).isEmpty();
  }

  // --- dbplane.cluster_name.format

  @Test
  void clusterNameOfTwoCharactersIsRefused() {
    assertThat(specViolations(s -> s.setClusterName("ab")))
        .extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("spec.cluster_name", "dbplane.cluster_name.format"));
  }

  @Test
  void clusterNameOfThreeCharactersIsAccepted() {
    assertThat(specViolations(s -> s.setClusterName("abc"))).isEmpty();
  }

  @Test
  void clusterNameOfSixtyThreeCharactersIsAccepted() {
    String name = "a" + "b1-".repeat(20) + "xy";
    assertThat(name).hasSize(63);

    assertThat(specViolations(s -> s.setClusterName(name))).isEmpty();
  }

  @Test
  void clusterNameOfSixtyFourCharactersIsRefusedThoughTheModelAllowsIt() {
    // DigitalOcean takes 3 to 63 characters; the model's own bound is 64.
    String name = "a" + "b1-".repeat(20) + "xyz";
    assertThat(name).hasSize(64);

    assertThat(specViolations(s -> s.setClusterName(name)))
        .extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("spec.cluster_name", "dbplane.cluster_name.format"));
  }

  @Test
  void clusterNameEndingWithHyphenIsRefused() {
    assertThat(rules(specViolations(s -> s.setClusterName("orders-")))).containsExactly("dbplane.cluster_name.format");
  }

  @Test
  void clusterNameWithUppercaseIsRefused() {
    assertThat(rules(specViolations(s -> s.setClusterName("Orders-db")))).containsExactly("dbplane.cluster_name.format");
  }

  @Test
  void clusterNameWithUnderscoreIsRefused() {
    assertThat(rules(specViolations(s -> s.setClusterName("orders_db")))).containsExactly("dbplane.cluster_name.format");
  }

  @Test
  void clusterNameStartingWithDigitIsRefused() {
    assertThat(rules(specViolations(s -> s.setClusterName("1orders")))).containsExactly("dbplane.cluster_name.format");
  }

  @Test
  void clusterNameWithDigitsAndHyphensInsideIsAccepted() {
    assertThat(specViolations(s -> s.setClusterName("orders-db-2"))).isEmpty();
  }

  @Test
  void clusterNameLongerThanTheModelAllowsIsLeftToTheModelRules() {
    assertThat(specViolations(s -> s.setClusterName("a".repeat(65)))).isEmpty();
  }

  @Test
  void emptyClusterNameIsLeftToTheModelRules() {
    assertThat(specViolations(s -> s.setClusterName(""))).isEmpty();
  }

  // --- dbplane.size_slug.format

  /** Each with a node count DigitalOcean offers it with: the smallest sizes run on one node only. */
  @ParameterizedTest
  @CsvSource({"db-s-1vcpu-1gb,1", "db-s-2vcpu-4gb,3", "gd-2vcpu-8gb,3", "so1_5-2vcpu-16gb,2", "db-amd-1vcpu-2gb,3"})
  void databaseSizeSlugIsAccepted(String size, int nodes) {
    assertThat(specViolations(s -> s.setSizeSlug(size).setNodeCount(nodes))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"large", "db-s-2vcpu", "DB-S-1VCPU-1GB", "db-s-1vcpu-1gb "})
  void malformedSizeSlugIsRefused(String size) {
    assertThat(specViolations(s -> s.setSizeSlug(size)))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.field()).isEqualTo("spec.size_slug");
              assertThat(v.rule()).isEqualTo("dbplane.size_slug.format");
              assertThat(v.message()).contains("'" + size + "'");
            });
  }

  @Test
  void emptySizeSlugIsLeftToTheModelRules() {
    assertThat(specViolations(s -> s.setSizeSlug(""))).isEmpty();
  }

  // --- dbplane.vpc.uuid and dbplane.vpc.value_from_unsupported

  @Test
  void lowerCaseVpcUuidIsAccepted() {
    assertThat(specViolations(s -> s.setVpc(vpc("5a4981aa-9653-4bd1-bef5-d6bff52042e4")))).isEmpty();
  }

  @Test
  void upperCaseVpcUuidIsAccepted() {
    assertThat(specViolations(s -> s.setVpc(vpc("5A4981AA-9653-4BD1-BEF5-D6BFF52042E4")))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"vpc-main", "5a4981aa96534bd1bef5d6bff52042e4", "5a4981aa-9653-4bd1-bef5-d6bff52042e", "{5a4981aa-9653-4bd1-bef5-d6bff52042e4}"})
  void vpcValueThatIsNotAUuidIsRefused(String value) {
    assertThat(specViolations(s -> s.setVpc(vpc(value))))
        .extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("spec.vpc.value", "dbplane.vpc.uuid"));
  }

  @Test
  void emptyVpcValueIsTreatedAsNoVpc() {
    assertThat(specViolations(s -> s.setVpc(vpc("")))).isEmpty();
  }

  @Test
  void absentVpcIsAccepted() {
    assertThat(specViolations(DigitalOceanDatabaseClusterSpec.Builder::clearVpc)).isEmpty();
  }

  @Test
  void vpcReferenceIsRefusedWithAMessageNamingTheLiteralField() {
    StringValueOrRef reference =
        StringValueOrRef.newBuilder()
            .setValueFrom(
                ValueFromRef.newBuilder()
                    .setKind(CloudResourceKind.DigitalOceanVpc)
                    .setName("main-vpc")
                    .setFieldPath("status.outputs.vpc_id"))
            .build();

    assertThat(specViolations(s -> s.setVpc(reference)))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.field()).isEqualTo("spec.vpc.value_from");
              assertThat(v.rule()).isEqualTo("dbplane.vpc.value_from_unsupported");
              assertThat(v.message()).contains("spec.vpc.value").contains("main-vpc");
            });
  }

  // --- dbplane.storage_gib.range and dbplane.storage_gib.not_supported

  @ParameterizedTest
  @ValueSource(ints = {0, 10, 100, 16_384})
  void storageOfZeroOrTenTo16384GibIsAccepted(int gib) {
    assertThat(specViolations(s -> s.setStorageGib(gib))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 9, 16_385})
  void storageOutsideTenTo16384GibIsRefused(int gib) {
    assertThat(specViolations(s -> s.setStorageGib(gib)))
        .extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("spec.storage_gib", "dbplane.storage_gib.range"));
  }

  @Test
  void largestUnsignedStorageIsRefusedNotWrappedToNegative() {
    // uint32 4294967295 is -1 as a Java int.
    assertThat(rules(specViolations(s -> s.setStorageGib(-1)))).containsExactly("dbplane.storage_gib.range");
  }

  @ParameterizedTest
  @CsvSource({"redis,7", "valkey,8"})
  void inMemoryEngineWithStorageIsRefused(String engine, String version) {
    assertThat(
            specViolations(
                s -> s.setEngine(DigitalOceanDatabaseEngine.valueOf(engine)).setEngineVersion(version).setStorageGib(10)))
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.field()).isEqualTo("spec.storage_gib");
              assertThat(v.rule()).isEqualTo("dbplane.storage_gib.not_supported");
              assertThat(v.message()).startsWith(engine + " ");
            });
  }

  @ParameterizedTest
  @CsvSource({"redis,7", "valkey,8"})
  void inMemoryEngineWithoutStorageIsAccepted(String engine, String version) {
    assertThat(specViolations(s -> s.setEngine(DigitalOceanDatabaseEngine.valueOf(engine)).setEngineVersion(version).setStorageGib(0)))
        .isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"postgres,16", "mysql,8", "mongodb,8.0"})
  void diskEngineWithStorageIsAccepted(String engine, String version) {
    assertThat(specViolations(s -> s.setEngine(DigitalOceanDatabaseEngine.valueOf(engine)).setEngineVersion(version).setStorageGib(50)))
        .isEmpty();
  }

  // --- field paths and reporting everything at once

  @Test
  void stackInputViolationsArePrefixedWithTarget() {
    DigitalOceanDatabaseCluster target =
        Manifests.valid()
            .setStatus(DigitalOceanDatabaseClusterStatus.getDefaultInstance())
            .setMetadata(Manifests.valid().getMetadataBuilder().putLabels(StackNames.FQDN_LABEL, "acme"))
            .setSpec(
                Manifests.validSpec()
                    .setEngineValue(9)
                    .setRegionValue(99)
                    .setClusterName("Bad_Name")
                    .setSizeSlug("large")
                    .setVpc(vpc("not-a-uuid"))
                    .setStorageGib(9))
            .build();

    assertThat(violations(ResourceRequest.ofStackInput(Manifests.stackInput(target), DigitalOceanDatabaseCluster.class), false))
        .extracting(Violation::field, Violation::rule)
        .containsExactly(
            tuple("target.status", "dbplane.status.read_only"),
            tuple("target." + FQDN_FIELD, "dbplane.stack_fqdn.format"),
            tuple("target.spec.engine", "dbplane.engine.known"),
            tuple("target.spec.region", "dbplane.region.known"),
            tuple("target.spec.cluster_name", "dbplane.cluster_name.format"),
            tuple("target.spec.size_slug", "dbplane.size_slug.format"),
            tuple("target.spec.vpc.value", "dbplane.vpc.uuid"),
            tuple("target.spec.storage_gib", "dbplane.storage_gib.range"));
  }

  @Test
  void everyBrokenRuleOfAManifestIsReportedAtOnce() {
    DigitalOceanDatabaseCluster manifest =
        Manifests.withSpec(s -> s.setClusterName("ab").setSizeSlug("large").setStorageGib(9));

    assertThat(violations(ResourceRequest.of(manifest), false))
        .extracting(Violation::field)
        .containsExactly("provider_config.api_token", "spec.cluster_name", "spec.size_slug", "spec.storage_gib");
  }

  private static StringValueOrRef vpc(String value) {
    return StringValueOrRef.newBuilder().setValue(value).build();
  }
}
