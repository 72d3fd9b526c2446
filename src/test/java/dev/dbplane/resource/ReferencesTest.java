package dev.dbplane.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.project_planton.shared.cloudresourcekind.CloudResourceKind;
import org.project_planton.shared.foreignkey.v1.StringValueOrRef;
import org.project_planton.shared.foreignkey.v1.ValueFromRef;

class ReferencesTest {

  private static List<Violation> violations(StringValueOrRef reference) {
    Findings findings = new Findings("target.");
    References.checkCluster(reference, "spec.cluster", findings);
    assertThat(findings.advisories()).isEmpty();
    return findings.violations();
  }

  private static StringValueOrRef literal(String value) {
    return StringValueOrRef.newBuilder().setValue(value).build();
  }

  private static StringValueOrRef reference(ValueFromRef.Builder ref) {
    return StringValueOrRef.newBuilder().setValueFrom(ref).build();
  }

  @ParameterizedTest
  @ValueSource(strings = {"9cc10173-e9ea-4176-9dbc-a4cee4c4ff30", "9CC10173-E9EA-4176-9DBC-A4CEE4C4FF30"})
  void aClustersUuidIsALiteralReference(String id) {
    assertThat(violations(literal(id))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "orders-db", "9cc10173e9ea41769dbca4cee4c4ff30", "9cc10173-e9ea-4176-9dbc-a4cee4c4ff30 "})
  void aLiteralThatIsNoUuidIsRefusedAtItsValue(String value) {
    assertThat(violations(literal(value)))
        .extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("target.spec.cluster.value", "dbplane.cluster.uuid"));
  }

  @Test
  void aReferenceThatGivesNeitherValueNorValueFromIsRefused() {
    assertThat(violations(StringValueOrRef.getDefaultInstance()))
        .extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("target.spec.cluster", "dbplane.cluster.required"));
  }

  @Test
  void aReferenceByNameToAClusterIsAccepted() {
    assertThat(violations(reference(ValueFromRef.newBuilder().setName("orders-db")))).isEmpty();
    assertThat(violations(reference(ValueFromRef.newBuilder()
        .setName("orders-db").setEnv("prod").setKind(CloudResourceKind.DigitalOceanDatabaseCluster)
        .setFieldPath(References.CLUSTER_ID_FIELD_PATH)))).isEmpty();
  }

  @Test
  void aReferenceToAnotherKindOrAnotherFieldIsRefused() {
    assertThat(violations(reference(ValueFromRef.newBuilder()
        .setName("orders-vpc").setKind(CloudResourceKind.DigitalOceanVpc).setFieldPath("status.outputs.vpc_id"))))
        .extracting(Violation::field, Violation::rule)
        .containsExactly(
            tuple("target.spec.cluster.value_from.kind", "dbplane.cluster.kind"),
            tuple("target.spec.cluster.value_from.field_path", "dbplane.cluster.field_path"));
  }

  @Test
  void anUnknownKindIsNamedByItsNumber() {
    assertThat(violations(reference(ValueFromRef.newBuilder().setName("x").setKindValue(4711))))
        .extracting(Violation::message)
        .singleElement()
        .asString()
        .contains("kind 4711");
  }

  @Test
  void theLiteralIdIsTheValueInLowerCaseAndEmptyForAReferenceByName() {
    assertThat(References.literalClusterId(literal("9CC10173-E9EA-4176-9DBC-A4CEE4C4FF30"))).isEqualTo("9cc10173-e9ea-4176-9dbc-a4cee4c4ff30");
    assertThat(References.literalClusterId(reference(ValueFromRef.newBuilder().setName("orders-db")))).isEmpty();
  }
}
