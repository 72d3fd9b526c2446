package dev.dbplane.cluster;

import dev.dbplane.engine.StackName;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.project_planton.shared.CloudResourceMetadata;

class StackNamesTest {

  private static StackName of(CloudResourceMetadata.Builder metadata) {
    return StackNames.of(metadata.build(), "orders-cluster");
  }

  private static CloudResourceMetadata.Builder threeLabels() {
    return CloudResourceMetadata.newBuilder()
        .setName("orders-db")
        .setOrg("acme")
        .setEnv("prod")
        .putLabels(StackNames.ORGANIZATION_LABEL, "planton")
        .putLabels(StackNames.PROJECT_LABEL, "databases")
        .putLabels(StackNames.STACK_LABEL, "prod.orders");
  }

  @Test
  void labelNamesAreProjectPlantons() {
    assertThat(StackNames.FQDN_LABEL).isEqualTo("pulumi.project-planton.org/stack.fqdn");
    assertThat(StackNames.ORGANIZATION_LABEL).isEqualTo("pulumi.project-planton.org/organization");
    assertThat(StackNames.PROJECT_LABEL).isEqualTo("pulumi.project-planton.org/project");
    assertThat(StackNames.STACK_LABEL).isEqualTo("pulumi.project-planton.org/stack.name");
  }

  // --- from labels

  @Test
  void stackIsTakenFromTheFqdnLabel() {
    StackName stack = of(CloudResourceMetadata.newBuilder().setOrg("acme").putLabels(StackNames.FQDN_LABEL, "planton/databases/prod.orders"));

    assertThat(stack).isEqualTo(new StackName("planton", "databases", "prod.orders"));
  }

  @Test
  void stackIsTakenFromTheThreeSeparateLabels() {
    assertThat(of(threeLabels())).isEqualTo(new StackName("planton", "databases", "prod.orders"));
  }

  @Test
  void fqdnLabelWinsOverTheThreeSeparateLabels() {
    assertThat(of(threeLabels().putLabels(StackNames.FQDN_LABEL, "other/proj/stk"))).isEqualTo(new StackName("other", "proj", "stk"));
  }

  @Test
  void malformedFqdnLabelFallsBackToTheThreeSeparateLabels() {
    assertThat(of(threeLabels().putLabels(StackNames.FQDN_LABEL, "other/proj"))).isEqualTo(new StackName("planton", "databases", "prod.orders"));
  }

  @Test
  void incompleteSeparateLabelsAreIgnored() {
    CloudResourceMetadata.Builder metadata = threeLabels().removeLabels(StackNames.PROJECT_LABEL);

    assertThat(of(metadata)).isEqualTo(new StackName("acme", "dbplane", "prod.orders-db"));
  }

  // --- derived

  @Test
  void stackIsDerivedFromOrgEnvAndName() {
    assertThat(of(CloudResourceMetadata.newBuilder().setOrg("acme").setEnv("prod").setName("orders-db")))
        .isEqualTo(new StackName("acme", "dbplane", "prod.orders-db"));
  }

  @Test
  void derivedStackIsLowerCasedAndSanitised() {
    assertThat(of(CloudResourceMetadata.newBuilder().setOrg("Acme Corp").setEnv("Prod").setName("Orders DB/EU")))
        .isEqualTo(new StackName("acme-corp", "dbplane", "prod.orders-db-eu"));
  }

  @Test
  void runsOfDisallowedCharactersBecomeOneHyphen() {
    assertThat(of(CloudResourceMetadata.newBuilder().setOrg("a  &  b").setName("x:/y")))
        .isEqualTo(new StackName("a-b", "dbplane", "x-y"));
  }

  @Test
  void dotsUnderscoresAndHyphensAreKept() {
    assertThat(of(CloudResourceMetadata.newBuilder().setOrg("my_org.io").setName("a_b.c-d")))
        .isEqualTo(new StackName("my_org.io", "dbplane", "a_b.c-d"));
  }

  @Test
  void missingOrgBecomesOrganization() {
    assertThat(of(CloudResourceMetadata.newBuilder().setEnv("dev").setName("orders-db")))
        .isEqualTo(new StackName("organization", "dbplane", "dev.orders-db"));
  }

  @Test
  void missingEnvLeavesTheNameAlone() {
    assertThat(of(CloudResourceMetadata.newBuilder().setOrg("acme").setName("orders-db")))
        .isEqualTo(new StackName("acme", "dbplane", "orders-db"));
  }

  @Test
  void missingMetadataNameFallsBackToTheClusterName() {
    assertThat(of(CloudResourceMetadata.newBuilder().setEnv("dev"))).isEqualTo(new StackName("organization", "dbplane", "dev.orders-cluster"));
    assertThat(of(CloudResourceMetadata.newBuilder().setName("  "))).isEqualTo(new StackName("organization", "dbplane", "orders-cluster"));
  }

  @Test
  void blankOrgAndEnvAreTreatedAsMissing() {
    assertThat(of(CloudResourceMetadata.newBuilder().setOrg(" ").setEnv("\t").setName("orders-db")))
        .isEqualTo(new StackName("organization", "dbplane", "orders-db"));
  }

  @Test
  void fullyQualifiedNameJoinsThePartsWithSlashes() {
    StackName stack = new StackName("acme", "dbplane", "prod.orders-db");

    assertThat(stack.fullyQualified()).isEqualTo("acme/dbplane/prod.orders-db");
    assertThat(stack).hasToString("acme/dbplane/prod.orders-db");
  }

  // --- malformed labels

  @ParameterizedTest
  @ValueSource(strings = {"", "acme", "acme/dbplane", "acme//prod", "/dbplane/prod", "acme/dbplane/", "a/b/c/d", "acme/ /prod"})
  void fqdnLabelWithoutThreeNonBlankPartsIsMalformed(String fqdn) {
    assertThat(StackNames.malformedLabel(CloudResourceMetadata.newBuilder().putLabels(StackNames.FQDN_LABEL, fqdn).build()))
        .contains(StackNames.FQDN_LABEL);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Acme Corp/dbplane/prod", "acme/my project/prod", "acme/dbplane/prod orders"})
  void fqdnLabelWithCharactersPulumiRefusesIsMalformed(String fqdn) {
    assertThat(StackNames.malformedLabel(CloudResourceMetadata.newBuilder().putLabels(StackNames.FQDN_LABEL, fqdn).build()))
        .contains(StackNames.FQDN_LABEL);
  }

  @Test
  void aBlankSeparateStackLabelIsMalformedAndNamesNoStack() {
    CloudResourceMetadata metadata =
        CloudResourceMetadata.newBuilder()
            .setName("orders")
            .putLabels(StackNames.ORGANIZATION_LABEL, "")
            .putLabels(StackNames.PROJECT_LABEL, "databases")
            .putLabels(StackNames.STACK_LABEL, " ")
            .build();
    assertThat(StackNames.malformedLabel(metadata)).contains(StackNames.ORGANIZATION_LABEL);
    assertThat(StackNames.of(metadata, "orders").project()).isEqualTo(StackNames.DEFAULT_PROJECT);
  }

  @Test
  void wellFormedFqdnLabelIsNotMalformed() {
    assertThat(StackNames.malformedLabel(CloudResourceMetadata.newBuilder().putLabels(StackNames.FQDN_LABEL, "a/b/c").build())).isEmpty();
  }

  @Test
  void metadataWithoutFqdnLabelIsNotMalformed() {
    assertThat(StackNames.malformedLabel(CloudResourceMetadata.getDefaultInstance())).isEmpty();
    assertThat(StackNames.malformedLabel(threeLabels().build())).isEmpty();
  }
}
