package dev.dbplane.pool;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.project_planton.provider.digitalocean.digitaloceandatabaseconnectionpool.v1.DigitalOceanDatabaseConnectionPool;
import org.project_planton.provider.digitalocean.digitaloceandatabaseconnectionpool.v1.DigitalOceanDatabaseConnectionPoolMode;
import org.project_planton.provider.digitalocean.digitaloceandatabaseconnectionpool.v1.DigitalOceanDatabaseConnectionPoolSpec;
import org.project_planton.provider.digitalocean.digitaloceandatabaseconnectionpool.v1.DigitalOceanDatabaseConnectionPoolStackInput;
import org.project_planton.shared.foreignkey.v1.StringValueOrRef;
import org.project_planton.shared.foreignkey.v1.ValueFromRef;

class PoolKindTest {

  private static final ResourceValidator<DigitalOceanDatabaseConnectionPool, PoolSpec> VALIDATOR = new ResourceValidator<>(new PoolKind(), true);
  private static final String CLUSTER_ID = "9cc10173-e9ea-4176-9dbc-a4cee4c4ff30";
  private static final StackName STACK = new StackName("organization", "dbplane", "app-pool");
  /** 22 backend connections. */
  private static final String ONE_GIB = "db-s-1vcpu-1gb";

  private static ValidationOutcome<PoolSpec> validate(DigitalOceanDatabaseConnectionPool manifest) {
    return VALIDATOR.validate(ResourceRequest.of(manifest));
  }

  private static DigitalOceanDatabaseConnectionPool withSpec(Consumer<DigitalOceanDatabaseConnectionPoolSpec.Builder> change) {
    DigitalOceanDatabaseConnectionPool.Builder manifest = Manifests.databaseConnectionPool();
    change.accept(manifest.getSpecBuilder());
    return manifest.build();
  }

  private static List<Violation> violations(Consumer<DigitalOceanDatabaseConnectionPoolSpec.Builder> change) {
    ValidationOutcome<PoolSpec> outcome = validate(withSpec(change));
    assertThat(outcome.provisioningSpec()).isEmpty();
    return outcome.violations();
  }

  private static List<Violation> against(
      String engine, String size, Consumer<DigitalOceanDatabaseConnectionPoolSpec.Builder> change, PoolSpec... others) {
    Findings findings = new Findings("");
    new PoolKind().checkAgainst(withSpec(change), new ClusterFacts(engine, "16", "nyc3", size, 2), List.of(others), findings);
    assertThat(findings.advisories()).isEmpty();
    return findings.violations();
  }

  private static PoolSpec pool(String name, int size) {
    return new PoolSpec(CLUSTER_ID, name, "transaction", size, "defaultdb", "app", STACK);
  }

  // --- accepted and normalised

  @Test
  void aValidManifestIsNormalisedWithoutAdvice() {
    ValidationOutcome<PoolSpec> outcome = validate(Manifests.databaseConnectionPool().build());

    assertThat(outcome.violations()).isEmpty();
    assertThat(outcome.advisories()).isEmpty();
    assertThat(outcome.provisioningSpec()).contains(pool("app-pool", 10));
  }

  @CsvSource({"session, session", "transaction, transaction", "statement, statement"})
  @ParameterizedTest
  void theModeIsNormalisedToPgBouncersName(DigitalOceanDatabaseConnectionPoolMode mode, String name) {
    assertThat(validate(withSpec(s -> s.setMode(mode))).provisioningSpec()).get().extracting(PoolSpec::mode).isEqualTo(name);
  }

  @Test
  void withoutAUserEachClientConnectsAsItsOwn() {
    assertThat(validate(withSpec(s -> s.clearUser())).provisioningSpec()).get().extracting(PoolSpec::user).isNull();
  }

  @Test
  void aClusterReferencedByNameLeavesTheIdToBeBound() {
    PoolSpec spec = validate(withSpec(s -> s.setCluster(StringValueOrRef.newBuilder().setValueFrom(ValueFromRef.newBuilder().setName("orders-db")))))
        .provisioningSpec().orElseThrow();
    assertThat(spec.clusterId()).isEmpty();
    assertThat(new PoolKind().bindCluster(spec, CLUSTER_ID)).isEqualTo(pool("app-pool", 10));
  }

  @Test
  void theStackInputsTargetIsJudgedWithItsPath() {
    DigitalOceanDatabaseConnectionPoolStackInput input = DigitalOceanDatabaseConnectionPoolStackInput.newBuilder()
        .setTarget(withSpec(s -> s.setSize(0)))
        .setProviderConfig(Manifests.providerConfig())
        .build();
    assertThat(new ResourceValidator<>(new PoolKind(), false).validate(ResourceRequest.ofStackInput(input, DigitalOceanDatabaseConnectionPool.class)).violations())
        .extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("target.spec.size", "int32.gte"));
  }

  // --- refused, advised

  @Test
  void theClusterNameModeAndDatabaseAreRequired() {
    assertThat(violations(s -> s.clearCluster().clearName().clearMode().clearDbName()))
        .extracting(Violation::field, Violation::rule)
        .containsExactlyInAnyOrder(
            tuple("spec.cluster", "required"), tuple("spec.name", "required"), tuple("spec.mode", "required"), tuple("spec.db_name", "required"));
  }

  @CsvSource({
      "name, ab, string.min_len",
      "name, A234567890123456789012345678901234567890123456789012345678901, string.max_len",
      "name, app.pool, string.pattern",
      "db_name, 1db, string.pattern",
      "user, app user, string.pattern"})
  @ParameterizedTest
  void namesOutsideTheirRulesAreRefused(String field, String value, String rule) {
    Consumer<DigitalOceanDatabaseConnectionPoolSpec.Builder> change = switch (field) {
      case "name" -> s -> s.setName(value);
      case "db_name" -> s -> s.setDbName(value);
      default -> s -> s.setUser(value);
    };
    assertThat(violations(change)).extracting(Violation::field, Violation::rule).containsExactly(tuple("spec." + field, rule));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1})
  void aPoolHoldsAtLeastOneConnection(int size) {
    assertThat(violations(s -> s.setSize(size))).extracting(Violation::field, Violation::rule).containsExactly(tuple("spec.size", "int32.gte"));
  }

  @Test
  void anUnknownModeIsRefused() {
    assertThat(violations(s -> s.setModeValue(9))).extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("spec.mode", "enum.defined_only"));
  }

  @Test
  void aClusterReferenceThatIsNoClustersIdIsRefused() {
    assertThat(violations(s -> s.setCluster(StringValueOrRef.newBuilder().setValue("orders-db"))))
        .extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("spec.cluster.value", "dbplane.cluster.uuid"));
  }

  @Test
  void statementModeIsAdvisedAgainst() {
    ValidationOutcome<PoolSpec> outcome = validate(withSpec(s -> s.setMode(DigitalOceanDatabaseConnectionPoolMode.statement)));
    assertThat(outcome.violations()).isEmpty();
    assertThat(outcome.advisories()).extracting(Advisory::field, Advisory::code).containsExactly(tuple("spec.mode", "dbplane.pool_statement_mode"));
  }

  // --- against the cluster

  @ParameterizedTest
  @ValueSource(strings = {"mysql", "mongodb", "redis", "valkey"})
  void poolsArePostgresqlsOnly(String engine) {
    assertThat(against(engine, ONE_GIB, s -> {}))
        .extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("spec.cluster", "dbplane.cluster.engine_unsupported"));
  }

  @Test
  void thePoolsOfAClusterShareItsBackendConnections() {
    assertThat(against("pg", ONE_GIB, s -> s.setSize(22))).isEmpty();
    assertThat(against("pg", ONE_GIB, s -> s.setSize(12), pool("reports", 10))).isEmpty();
    assertThat(against("pg", "db-s-2vcpu-4gb", s -> s.setSize(90), pool("reports", 7))).isEmpty();
  }

  @Test
  void aPoolBeyondTheConnectionsLeftIsRefused() {
    List<Violation> violations = against("pg", ONE_GIB, s -> s.setSize(13), pool("reports", 10));
    assertThat(violations).extracting(Violation::field, Violation::rule).containsExactly(tuple("spec.size", "dbplane.size.exceeds_connections"));
    assertThat(violations.get(0).message()).contains("22 backend connections", "hold 10", "leaves 12", "not 13");
    assertThat(against("pg", ONE_GIB, s -> s.setSize(23))).extracting(Violation::rule).containsExactly("dbplane.size.exceeds_connections");
    assertThat(against("pg", ONE_GIB, s -> s.setSize(1), pool("a", 20), pool("b", 20)))
        .extracting(Violation::message).singleElement().asString().contains("leaves 0");
  }

  @Test
  void aClusterSizeThatTellsNoMemoryIsRefused() {
    assertThat(against("pg", "db-custom", s -> {}))
        .extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("spec.size", "dbplane.size.cluster_size_unknown"));
  }

  @Test
  void aNameAnotherPoolOfTheClusterHasIsRefused() {
    assertThat(against("pg", "db-s-2vcpu-4gb", s -> {}, pool("app-pool", 5)))
        .extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("spec.name", "dbplane.name.taken"));
  }

  // --- changes

  @Test
  void anUnchangedPoolNeitherReplacesNorIsRefused() {
    ChangeVerdict verdict = new PoolKind().judgeChange(pool("app-pool", 10), pool("app-pool", 10));
    assertThat(verdict.replacements()).isEmpty();
    assertThat(verdict.unsupported()).isEmpty();
  }

  @Test
  void everyChangeReplacesThePoolAsTheProviderDoes() {
    PoolSpec next = new PoolSpec("5a4981aa-9653-4bd1-bef5-d6bff52042e4", "app-pool2", "session", 11, "app", null, STACK);
    ChangeVerdict verdict = new PoolKind().judgeChange(pool("app-pool", 10), next);
    assertThat(verdict.replacements())
        .extracting(Violation::field)
        .containsExactly("spec.cluster", "spec.name", "spec.mode", "spec.size", "spec.db_name", "spec.user");
    assertThat(verdict.replacements()).extracting(Violation::rule).containsOnly("dbplane.change.replaces_pool");
    assertThat(verdict.replacements().get(3).message()).contains("from 10 to 11", "cuts the connections");
    assertThat(verdict.unsupported()).isEmpty();
  }

  // --- what the kind says of itself

  @Test
  void theKindNamesItsManifestItsClusterAndItsOutputs() {
    PoolKind kind = new PoolKind();
    DigitalOceanDatabaseConnectionPool manifest = Manifests.databaseConnectionPool().build();
    assertThat(kind.name()).isEqualTo("DigitalOceanDatabaseConnectionPool").isEqualTo(manifest.getKind());
    assertThat(kind.resourceName(manifest)).isEqualTo("app-pool");
    assertThat(kind.clusterOf(manifest)).isEqualTo(manifest.getSpec().getCluster());
    assertThat(kind.outputs().all()).containsExactly("id", "name", "host", "port", "uri", "private_uri", "password");
    assertThat(kind.outputs().secrets()).containsExactlyInAnyOrder("uri", "private_uri", "password");
    assertThat(kind.outputs().id()).isEqualTo("id");
  }
}
