package dev.dbplane.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.dbplane.engine.StackName;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.project_planton.provider.digitalocean.digitaloceandatabasedb.v1.DigitalOceanDatabaseDb;
import org.project_planton.provider.digitalocean.digitaloceandatabasedb.v1.DigitalOceanDatabaseDbSpec;
import org.project_planton.provider.digitalocean.digitaloceandatabasedb.v1.DigitalOceanDatabaseDbStackInput;
import org.project_planton.shared.foreignkey.v1.StringValueOrRef;
import org.project_planton.shared.foreignkey.v1.ValueFromRef;

class DbKindTest {

  private static final ResourceValidator<DigitalOceanDatabaseDb, DbSpec> VALIDATOR = new ResourceValidator<>(new DbKind(), true);
  private static final String CLUSTER_ID = "9cc10173-e9ea-4176-9dbc-a4cee4c4ff30";
  private static final StackName STACK = new StackName("organization", "dbplane", "app-db");

  private static ValidationOutcome<DbSpec> validate(DigitalOceanDatabaseDb manifest) {
    return VALIDATOR.validate(ResourceRequest.of(manifest));
  }

  private static DigitalOceanDatabaseDb withSpec(Consumer<DigitalOceanDatabaseDbSpec.Builder> change) {
    DigitalOceanDatabaseDb.Builder manifest = Manifests.databaseDb();
    change.accept(manifest.getSpecBuilder());
    return manifest.build();
  }

  private static List<Violation> violations(Consumer<DigitalOceanDatabaseDbSpec.Builder> change) {
    ValidationOutcome<DbSpec> outcome = validate(withSpec(change));
    assertThat(outcome.provisioningSpec()).isEmpty();
    return outcome.violations();
  }

  private static List<Violation> against(String engine, String name, DbSpec... others) {
    Findings findings = new Findings("");
    new DbKind().checkAgainst(withSpec(s -> s.setName(name)), new ClusterFacts(engine, "16", "nyc3", "db-s-1vcpu-1gb", 1), List.of(others), findings);
    assertThat(findings.advisories()).isEmpty();
    return findings.violations();
  }

  private static DbSpec spec(String clusterId, String name) {
    return new DbSpec(clusterId, name, STACK);
  }

  // --- accepted and normalised

  @Test
  void aValidManifestIsNormalisedWithoutAdvice() {
    ValidationOutcome<DbSpec> outcome = validate(Manifests.databaseDb().build());

    assertThat(outcome.violations()).isEmpty();
    assertThat(outcome.advisories()).isEmpty();
    assertThat(outcome.provisioningSpec()).contains(spec(CLUSTER_ID, "app"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "_internal", "orders_2024", "app-db", "A23456789012345678901234567890123456789012345678901234567890123"})
  void namesOfEveryEnginesCharactersUpTo63AreAccepted(String name) {
    assertThat(validate(withSpec(s -> s.setName(name))).violations()).isEmpty();
  }

  @Test
  void anUpperCaseClusterIdIsNormalisedToDigitalOceansLowerCase() {
    DbSpec spec = validate(withSpec(s -> s.setCluster(StringValueOrRef.newBuilder().setValue(CLUSTER_ID.toUpperCase()))))
        .provisioningSpec().orElseThrow();
    assertThat(spec.clusterId()).isEqualTo(CLUSTER_ID);
  }

  @Test
  void aClusterReferencedByNameLeavesTheIdToBeBound() {
    DbSpec spec = validate(withSpec(s -> s.setCluster(StringValueOrRef.newBuilder().setValueFrom(ValueFromRef.newBuilder().setName("orders-db")))))
        .provisioningSpec().orElseThrow();
    assertThat(spec.clusterId()).isEmpty();
    assertThat(new DbKind().bindCluster(spec, CLUSTER_ID)).isEqualTo(spec(CLUSTER_ID, "app"));
  }

  @Test
  void theStackInputsTargetIsJudgedWithItsPathAndTheSameSpec() {
    DigitalOceanDatabaseDbStackInput input = DigitalOceanDatabaseDbStackInput.newBuilder()
        .setTarget(withSpec(s -> s.setName("1st")))
        .setProviderConfig(Manifests.providerConfig())
        .build();
    ResourceValidator<DigitalOceanDatabaseDb, DbSpec> validator = new ResourceValidator<>(new DbKind(), false);
    assertThat(validator.validate(ResourceRequest.ofStackInput(input, DigitalOceanDatabaseDb.class)).violations())
        .extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("target.spec.name", "string.pattern"));
    DigitalOceanDatabaseDbStackInput valid = input.toBuilder().setTarget(Manifests.databaseDb()).build();
    assertThat(validator.validate(ResourceRequest.ofStackInput(valid, DigitalOceanDatabaseDb.class)).provisioningSpec())
        .contains(spec(CLUSTER_ID, "app"));
  }

  // --- refused

  @Test
  void aManifestOfAnotherKindIsRefused() {
    assertThat(validate(Manifests.databaseDb().setKind("DigitalOceanDatabaseCluster").build()).violations())
        .extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("kind", "string.const"));
  }

  @Test
  void theClusterAndTheNameAreRequired() {
    assertThat(violations(s -> s.clearCluster().clearName()))
        .extracting(Violation::field, Violation::rule)
        .containsExactlyInAnyOrder(tuple("spec.cluster", "required"), tuple("spec.name", "required"));
  }

  @CsvSource({
      "1st, string.pattern",
      "app.db, string.pattern",
      "app db, string.pattern",
      "-app, string.pattern",
      "A234567890123456789012345678901234567890123456789012345678901234, string.max_len"})
  @ParameterizedTest
  void namesOutsideEveryEnginesRulesAreRefused(String name, String rule) {
    assertThat(violations(s -> s.setName(name))).extracting(Violation::field, Violation::rule).containsExactly(tuple("spec.name", rule));
  }

  @Test
  void aClusterReferenceThatIsNoClustersIdIsRefused() {
    assertThat(violations(s -> s.setCluster(StringValueOrRef.newBuilder().setValue("orders-db"))))
        .extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("spec.cluster.value", "dbplane.cluster.uuid"));
    assertThat(violations(s -> s.setCluster(StringValueOrRef.getDefaultInstance())))
        .extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("spec.cluster", "dbplane.cluster.required"));
  }

  // --- against the cluster

  @ParameterizedTest
  @ValueSource(strings = {"pg", "mysql", "mongodb"})
  void enginesWithDatabasesTakeANewOne(String engine) {
    assertThat(against(engine, "app")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"redis", "valkey"})
  void cachingClustersHaveNoDatabases(String engine) {
    assertThat(against(engine, "app"))
        .extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("spec.cluster", "dbplane.cluster.engine_unsupported"));
  }

  @CsvSource({"pg, defaultdb", "pg, postgres", "pg, template1", "mysql, defaultdb", "mysql, information_schema", "mongodb, admin", "mongodb, local"})
  @ParameterizedTest
  void theDatabasesEveryClusterOfTheEngineHasAreRefused(String engine, String name) {
    assertThat(against(engine, name)).extracting(Violation::field, Violation::rule).containsExactly(tuple("spec.name", "dbplane.name.reserved"));
  }

  @Test
  void aNameReservedByOneEngineIsFreeInAnother() {
    assertThat(against("pg", "admin")).isEmpty();
    assertThat(against("mongodb", "defaultdb")).isEmpty();
  }

  @Test
  void aNameAnotherDatabaseOfTheClusterHasIsRefused() {
    assertThat(against("pg", "app", spec(CLUSTER_ID, "reports"), spec(CLUSTER_ID, "app")))
        .extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("spec.name", "dbplane.name.taken"));
    assertThat(against("pg", "app", spec(CLUSTER_ID, "reports"))).isEmpty();
  }

  // --- changes

  @Test
  void anUnchangedDatabaseNeitherReplacesNorIsRefused() {
    ChangeVerdict verdict = new DbKind().judgeChange(spec(CLUSTER_ID, "app"), spec(CLUSTER_ID, "app"));
    assertThat(verdict.replacements()).isEmpty();
    assertThat(verdict.unsupported()).isEmpty();
  }

  @Test
  void aNewNameOrClusterReplacesTheDatabase() {
    ChangeVerdict verdict = new DbKind().judgeChange(spec(CLUSTER_ID, "app"), spec("5a4981aa-9653-4bd1-bef5-d6bff52042e4", "app2"));
    assertThat(verdict.replacements())
        .extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("spec.cluster", "dbplane.change.replaces_database"), tuple("spec.name", "dbplane.change.replaces_database"));
    assertThat(verdict.replacements().get(1).message()).contains("from app to app2", "destroys its data");
    assertThat(verdict.unsupported()).isEmpty();
  }

  // --- what the kind says of itself

  @Test
  void theKindNamesItsManifestItsClusterAndItsOutputs() {
    DbKind kind = new DbKind();
    DigitalOceanDatabaseDb manifest = Manifests.databaseDb().build();
    assertThat(kind.name()).isEqualTo("DigitalOceanDatabaseDb").isEqualTo(manifest.getKind());
    assertThat(kind.resourceName(manifest)).isEqualTo("app");
    assertThat(kind.clusterOf(manifest)).isEqualTo(manifest.getSpec().getCluster());
    assertThat(kind.outputs().all()).containsExactly("id", "name");
    assertThat(kind.outputs().secrets()).isEmpty();
    assertThat(kind.outputs().id()).isEqualTo("id");
  }
}
