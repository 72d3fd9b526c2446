package dev.dbplane.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import build.buf.validate.FieldPath;
import build.buf.validate.FieldPathElement;
import dev.dbplane.support.Manifests;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.project_planton.provider.digitalocean.DigitalOceanProviderConfig;
import org.project_planton.provider.digitalocean.DigitalOceanRegion;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseCluster;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseClusterSpec;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseClusterStackInput;
import org.project_planton.shared.cloudresourcekind.CloudResourceKind;
import org.project_planton.shared.foreignkey.v1.StringValueOrRef;
import org.project_planton.shared.foreignkey.v1.ValueFromRef;
import org.project_planton.shared.relationship.v1.CloudResourceRelationship;

class ModelRulesTest {

  private static final ModelRules RULES = new ModelRules();

  private static List<Violation> violations(ResourceRequest<DigitalOceanDatabaseCluster> request) {
    Findings findings = new Findings(request.manifestPath());
    RULES.check(request, findings);
    assertThat(findings.advisories()).isEmpty();
    return findings.violations();
  }

  private static List<Violation> violations(DigitalOceanDatabaseCluster manifest) {
    return violations(ResourceRequest.of(manifest));
  }

  private static List<Violation> specViolations(Consumer<DigitalOceanDatabaseClusterSpec.Builder> change) {
    return violations(Manifests.withSpec(change));
  }

  @Test
  void validManifestBreaksNoModelRule() {
    assertThat(violations(Manifests.valid().build())).isEmpty();
  }

  @Test
  void validStackInputBreaksNoModelRule() {
    assertThat(violations(ResourceRequest.ofStackInput(Manifests.stackInput(Manifests.valid().build()), DigitalOceanDatabaseCluster.class))).isEmpty();
  }

  // --- envelope

  @Test
  void wrongApiVersionIsRefused() {
    assertThat(violations(Manifests.valid().setApiVersion("digital-ocean.project-planton.org/v2").build()))
        .extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("api_version", "string.const"));
  }

  @Test
  void wrongKindIsRefused() {
    assertThat(violations(Manifests.valid().setKind("DigitalOceanDroplet").build()))
        .extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("kind", "string.const"));
  }

  @Test
  void missingMetadataIsRefused() {
    assertThat(violations(Manifests.valid().clearMetadata().build()))
        .extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("metadata", "required"));
  }

  @Test
  void missingSpecIsRefused() {
    assertThat(violations(Manifests.valid().clearSpec().build()))
        .extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("spec", "required"));
  }

  @Test
  void emptyManifestReportsEveryEnvelopeRuleAtOnce() {
    assertThat(violations(DigitalOceanDatabaseCluster.getDefaultInstance()))
        .extracting(Violation::field, Violation::rule)
        .containsExactlyInAnyOrder(
            tuple("api_version", "string.const"),
            tuple("kind", "string.const"),
            tuple("metadata", "required"),
            tuple("spec", "required"));
  }

  // --- spec

  @Test
  void nodeCountOfZeroIsRefusedAsMissing() {
    // node_count is a proto3 scalar: 0 is "not set", so protovalidate reports its required rule and
    // skips the range rule.
    assertThat(specViolations(s -> s.setNodeCount(0)))
        .extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("spec.node_count", "required"));
  }

  @Test
  void nodeCountOfFourIsRefusedByTheRange() {
    assertThat(specViolations(s -> s.setNodeCount(4)))
        .extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("spec.node_count", "uint32.gte_lte"));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void nodeCountFromOneToThreeIsAccepted(int nodes) {
    assertThat(specViolations(s -> s.setNodeCount(nodes))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"v16", "16.", "16.4.1", "latest", " 16"})
  void engineVersionThatIsNotMajorOrMajorMinorIsRefused(String version) {
    assertThat(specViolations(s -> s.setEngineVersion(version)))
        .extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("spec.engine_version", "string.pattern"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"16", "8.0", "7"})
  void engineVersionMajorOrMajorMinorIsAccepted(String version) {
    assertThat(specViolations(s -> s.setEngineVersion(version))).isEmpty();
  }

  @Test
  void clusterNameOfSixtyFiveCharactersIsRefused() {
    assertThat(specViolations(s -> s.setClusterName("a".repeat(65))))
        .extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("spec.cluster_name", "string.max_len"));
  }

  @Test
  void clusterNameOfSixtyFourCharactersIsAccepted() {
    assertThat(specViolations(s -> s.setClusterName("a".repeat(64)))).isEmpty();
  }

  @Test
  void emptySpecFieldsAreRequired() {
    assertThat(violations(Manifests.valid().setSpec(DigitalOceanDatabaseClusterSpec.getDefaultInstance()).build()))
        .extracting(Violation::field, Violation::rule)
        .containsExactlyInAnyOrder(
            tuple("spec.cluster_name", "required"),
            tuple("spec.engine", "required"),
            tuple("spec.engine_version", "required"),
            tuple("spec.region", "required"),
            tuple("spec.size_slug", "required"),
            tuple("spec.node_count", "required"));
  }

  @Test
  void vpcReferenceWithoutNameIsRefused() {
    StringValueOrRef reference =
        StringValueOrRef.newBuilder()
            .setValueFrom(ValueFromRef.newBuilder().setKind(CloudResourceKind.DigitalOceanVpc))
            .build();

    assertThat(specViolations(s -> s.setVpc(reference)))
        .extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("spec.vpc.value_from.name", "required"));
  }

  // --- stack input and provider config

  @Test
  void stackInputViolationsOfTheTargetArePrefixedWithTarget() {
    DigitalOceanDatabaseCluster target = Manifests.valid().setKind("Droplet").setSpec(Manifests.validSpec().setNodeCount(4)).build();

    assertThat(violations(ResourceRequest.ofStackInput(Manifests.stackInput(target), DigitalOceanDatabaseCluster.class)))
        .extracting(Violation::field, Violation::rule)
        .containsExactlyInAnyOrder(tuple("target.kind", "string.const"), tuple("target.spec.node_count", "uint32.gte_lte"));
  }

  @Test
  void providerConfigWithoutTokenIsRefusedAtAnUnprefixedPath() {
    DigitalOceanDatabaseClusterStackInput input =
        DigitalOceanDatabaseClusterStackInput.newBuilder()
            .setTarget(Manifests.valid())
            .setProviderConfig(Manifests.providerConfig().clearApiToken())
            .build();

    assertThat(violations(ResourceRequest.ofStackInput(input, DigitalOceanDatabaseCluster.class)))
        .extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("provider_config.api_token", "required"));
  }

  @Test
  void providerConfigWithoutDefaultRegionIsRefused() {
    DigitalOceanDatabaseClusterStackInput input =
        DigitalOceanDatabaseClusterStackInput.newBuilder()
            .setTarget(Manifests.valid())
            .setProviderConfig(Manifests.providerConfig().setDefaultRegion(DigitalOceanRegion.digital_ocean_region_unspecified))
            .build();

    assertThat(violations(ResourceRequest.ofStackInput(input, DigitalOceanDatabaseCluster.class)))
        .extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("provider_config.default_region", "required"));
  }

  @Test
  void emptyProviderConfigReportsBothRequiredFields() {
    DigitalOceanDatabaseClusterStackInput input =
        DigitalOceanDatabaseClusterStackInput.newBuilder()
            .setTarget(Manifests.valid())
            .setProviderConfig(DigitalOceanProviderConfig.getDefaultInstance())
            .build();

    assertThat(violations(ResourceRequest.ofStackInput(input, DigitalOceanDatabaseCluster.class)))
        .extracting(Violation::field)
        .containsExactlyInAnyOrder("provider_config.api_token", "provider_config.default_region");
  }

  @Test
  void stackInputWithoutTargetOrProviderConfigBreaksNoModelRule() {
    // The model does not require them; the service rules do (target) or the token rule does.
    assertThat(violations(ResourceRequest.ofStackInput(DigitalOceanDatabaseClusterStackInput.getDefaultInstance(), DigitalOceanDatabaseCluster.class))).isEmpty();
  }

  // --- field path format

  @Test
  void listElementPathsCarryTheirIndex() {
    CloudResourceRelationship good =
        CloudResourceRelationship.newBuilder()
            .setKind(CloudResourceKind.DigitalOceanVpc)
            .setName("main-vpc")
            .setType(CloudResourceRelationship.RelationshipType.uses)
            .build();
    CloudResourceRelationship nameless = good.toBuilder().clearName().build();

    assertThat(violations(Manifests.withMetadata(m -> m.addRelationships(nameless).addRelationships(good).addRelationships(nameless))))
        .extracting(Violation::field, Violation::rule)
        .containsExactly(
            tuple("metadata.relationships[0].name", "required"),
            tuple("metadata.relationships[2].name", "required"));
  }

  @Test
  void listElementPathsInAStackInputArePrefixedWithTarget() {
    CloudResourceRelationship empty = CloudResourceRelationship.getDefaultInstance();

    assertThat(violations(ResourceRequest.ofStackInput(Manifests.stackInput(Manifests.withMetadata(m -> m.addRelationships(empty))), DigitalOceanDatabaseCluster.class)))
        .extracting(Violation::field)
        .containsExactlyInAnyOrder(
            "target.metadata.relationships[0].kind",
            "target.metadata.relationships[0].name",
            "target.metadata.relationships[0].type");
  }

  @Test
  void stringMapKeyIsQuotedInBrackets() {
    assertThat(ModelRules.path(path(field("metadata"), field("labels").setStringKey("team")))).isEqualTo("metadata.labels[\"team\"]");
  }

  @Test
  void numericAndBoolMapKeysAreBareInBrackets() {
    assertThat(ModelRules.path(path(field("counts").setIntKey(-3)))).isEqualTo("counts[-3]");
    assertThat(ModelRules.path(path(field("sizes").setUintKey(7)))).isEqualTo("sizes[7]");
    assertThat(ModelRules.path(path(field("flags").setBoolKey(true)))).isEqualTo("flags[true]");
  }

  @Test
  void nestedFieldsAreJoinedWithDotsAndIndexesFollowTheirField() {
    assertThat(ModelRules.path(path(field("target"), field("metadata"), field("relationships").setIndex(1), field("name"))))
        .isEqualTo("target.metadata.relationships[1].name");
  }

  @Test
  void emptyFieldPathIsTheEmptyString() {
    assertThat(ModelRules.path(FieldPath.getDefaultInstance())).isEmpty();
  }

  private static FieldPathElement.Builder field(String name) {
    return FieldPathElement.newBuilder().setFieldName(name);
  }

  private static FieldPath path(FieldPathElement.Builder... elements) {
    FieldPath.Builder path = FieldPath.newBuilder();
    for (FieldPathElement.Builder element : elements) {
      path.addElements(element);
    }
    return path.build();
  }
}
