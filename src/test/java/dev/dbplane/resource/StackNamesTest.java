package dev.dbplane.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.dbplane.engine.StackName;
import java.util.List;
import java.util.Optional;
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

  // --- malformed labels and derived names: refused at validate time, at the field that gave them

  private static final String FQDN_FIELD = "metadata.labels[\"" + StackNames.FQDN_LABEL + "\"]";

  private static Optional<Violation> malformed(CloudResourceMetadata.Builder metadata) {
    return StackNames.malformed(metadata.build(), "orders-cluster");
  }

  private static CloudResourceMetadata.Builder fqdn(String fqdn) {
    return CloudResourceMetadata.newBuilder().putLabels(StackNames.FQDN_LABEL, fqdn);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "acme", "acme/dbplane", "acme//prod", "/dbplane/prod", "acme/dbplane/", "a/b/c/d", "acme/ /prod"})
  void fqdnLabelWithoutThreeNonBlankPartsIsMalformed(String fqdn) {
    assertThat(malformed(fqdn(fqdn))).hasValueSatisfying(v -> {
      assertThat(v.field()).isEqualTo(FQDN_FIELD);
      assertThat(v.rule()).isEqualTo("dbplane.stack_fqdn.format");
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"Acme Corp/dbplane/prod", "acme/my project/prod", "acme/dbplane/prod orders"})
  void fqdnLabelWithCharactersPulumiRefusesIsMalformed(String fqdn) {
    assertThat(malformed(fqdn(fqdn))).map(Violation::message).hasValueSatisfying(m -> assertThat(m).contains("only letters, digits"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"../../escaped", "../../..", "acme/../prod", "acme/dbplane/..", "./dbplane/prod", "acme/.../prod", "acme/dbplane/."})
  void fqdnLabelWithAPartOfDotsOnlyIsMalformed(String fqdn) {
    assertThat(malformed(fqdn(fqdn))).hasValueSatisfying(v -> {
      assertThat(v.field()).isEqualTo(FQDN_FIELD);
      assertThat(v.message()).contains("dots only");
    });
  }

  @Test
  void fqdnLabelPartsAreLimitedToPulumisHundredCharacters() {
    assertThat(malformed(fqdn("acme/dbplane/" + "s".repeat(100)))).isEmpty();
    assertThat(malformed(fqdn("acme/dbplane/" + "s".repeat(101)))).map(Violation::message)
        .hasValueSatisfying(m -> assertThat(m).contains("stack part is 101 characters long"));
    assertThat(malformed(fqdn("acme/" + "p".repeat(101) + "/prod"))).map(Violation::message)
        .hasValueSatisfying(m -> assertThat(m).contains("project part"));
  }

  @Test
  void separateLabelsOfDotsOnlyAreMalformed() {
    assertThat(malformed(threeLabels().putLabels(StackNames.PROJECT_LABEL, "..")))
        .map(Violation::field).contains("metadata.labels[\"" + StackNames.PROJECT_LABEL + "\"]");
    assertThat(malformed(threeLabels().putLabels(StackNames.STACK_LABEL, "."))).map(Violation::rule).contains("dbplane.stack_label.format");
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
    assertThat(StackNames.malformed(metadata, "orders")).map(Violation::field)
        .contains("metadata.labels[\"" + StackNames.ORGANIZATION_LABEL + "\"]");
    assertThat(StackNames.of(metadata, "orders").project()).isEqualTo(StackNames.DEFAULT_PROJECT);
  }

  @Test
  void aDerivedOrganizationOfDotsOnlyIsRefusedAtMetadataOrg() {
    assertThat(malformed(CloudResourceMetadata.newBuilder().setOrg("..").setName("orders-db"))).hasValueSatisfying(v -> {
      assertThat(v.field()).isEqualTo("metadata.org");
      assertThat(v.rule()).isEqualTo("dbplane.stack_name.derived");
    });
  }

  @Test
  void aDerivedStackOfDotsOnlyOrTooLongIsRefusedAtTheNameItCameFrom() {
    assertThat(malformed(CloudResourceMetadata.newBuilder().setName(".."))).map(Violation::field).contains("metadata.name");
    assertThat(malformed(CloudResourceMetadata.newBuilder().setEnv(".").setName("."))).map(Violation::field).contains("metadata.name");
    assertThat(malformed(CloudResourceMetadata.newBuilder().setEnv("prod").setName("n".repeat(96)))).map(Violation::message)
        .hasValueSatisfying(m -> assertThat(m).contains("is 101 characters long"));
    assertThat(StackNames.malformed(CloudResourceMetadata.newBuilder().setEnv("prod").build(), "c".repeat(100)))
        .map(Violation::field).contains("spec.cluster_name");
  }

  @Test
  void aManifestWithoutAnyNameLeavesTheMissingNameToTheModelsRules() {
    assertThat(StackNames.malformed(CloudResourceMetadata.getDefaultInstance(), "")).isEmpty();
  }

  @Test
  void wellFormedLabelsAndOrdinaryMetadataAreNotMalformed() {
    assertThat(malformed(fqdn("a/b/c"))).isEmpty();
    assertThat(malformed(fqdn("acme/dbplane/prod...orders"))).isEmpty();
    assertThat(malformed(CloudResourceMetadata.newBuilder())).isEmpty();
    assertThat(malformed(threeLabels())).isEmpty();
    assertThat(malformed(CloudResourceMetadata.newBuilder().setOrg("Acme Corp").setEnv("Prod").setName("Orders DB"))).isEmpty();
  }

  // --- what makes two stacks the same one

  @Test
  void stacksAreTheSameWhateverTheirCaseAndOrganization() {
    assertThat(StackNames.key(new StackName("acme", "dbplane", "prod.alpha-db")))
        .isEqualTo(StackNames.key(new StackName("Globex", "DBplane", "Prod.Alpha-DB")))
        .isEqualTo("dbplane/prod.alpha-db");
    assertThat(StackNames.key(new StackName("acme", "dbplane", "prod.alpha-db")))
        .isNotEqualTo(StackNames.key(new StackName("acme", "other", "prod.alpha-db")));
  }

  @Test
  void namesThatRewriteAlikeNameTheSameStack() {
    StackName plain = of(CloudResourceMetadata.newBuilder().setOrg("acme").setEnv("prod").setName("alpha-db"));
    StackName spaced = of(CloudResourceMetadata.newBuilder().setOrg("ACME").setEnv("Prod").setName("Alpha DB"));
    StackName labelled = of(fqdn("acme/dbplane/prod.alpha-db"));

    assertThat(List.of(StackNames.key(spaced), StackNames.key(labelled))).containsOnly(StackNames.key(plain));
  }

  @Test
  void theFieldThatNamesTheStackIsTheLabelOrTheName() {
    assertThat(StackNames.sourceField(fqdn("a/b/c").build())).isEqualTo(FQDN_FIELD);
    assertThat(StackNames.sourceField(threeLabels().build())).isEqualTo("metadata.labels[\"" + StackNames.STACK_LABEL + "\"]");
    assertThat(StackNames.sourceField(CloudResourceMetadata.newBuilder().setName("alpha-db").build())).isEqualTo("metadata.name");
    assertThat(StackNames.sourceField(CloudResourceMetadata.getDefaultInstance())).isEqualTo("spec.cluster_name");
  }

  // --- a stack is named once

  @Test
  void anUpdateThatChangesAddsOrRemovesAStackLabelIsRefusedLabelByLabel() {
    StackName stack = new StackName("planton", "databases", "prod.orders");
    CloudResourceMetadata current = threeLabels().build();
    CloudResourceMetadata next = threeLabels().putLabels(StackNames.STACK_LABEL, "prod.other").putLabels(StackNames.FQDN_LABEL, "a/b/c").build();

    assertThat(StackNames.labelChanges(current, next, stack))
        .extracting(Violation::field, Violation::rule)
        .containsExactly(
            tuple(FQDN_FIELD, "dbplane.change.stack_fixed"),
            tuple("metadata.labels[\"" + StackNames.STACK_LABEL + "\"]", "dbplane.change.stack_fixed"));
    assertThat(StackNames.labelChanges(current, next, stack)).first().extracting(Violation::message).asString()
        .contains("planton/databases/prod.orders", "leave this label out");
    assertThat(StackNames.labelChanges(current, threeLabels().removeLabels(StackNames.PROJECT_LABEL).build(), stack))
        .extracting(Violation::message).singleElement().asString().contains("keep this label as it was: databases");
  }

  @Test
  void anUpdateThatKeepsTheStackLabelsChangesNone() {
    CloudResourceMetadata current = threeLabels().build();
    CloudResourceMetadata renamed = threeLabels().setName("renamed").setOrg("other").putLabels("team", "payments").build();

    assertThat(StackNames.labelChanges(current, renamed, new StackName("planton", "databases", "prod.orders"))).isEmpty();
  }
}
