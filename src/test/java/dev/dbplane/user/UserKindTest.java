package dev.dbplane.user;

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
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.project_planton.provider.digitalocean.digitaloceandatabaseuser.v1.DigitalOceanDatabaseMysqlAuthPlugin;
import org.project_planton.provider.digitalocean.digitaloceandatabaseuser.v1.DigitalOceanDatabaseUser;
import org.project_planton.provider.digitalocean.digitaloceandatabaseuser.v1.DigitalOceanDatabaseUserSpec;
import org.project_planton.provider.digitalocean.digitaloceandatabaseuser.v1.DigitalOceanDatabaseUserStackInput;
import org.project_planton.shared.foreignkey.v1.StringValueOrRef;
import org.project_planton.shared.foreignkey.v1.ValueFromRef;

class UserKindTest {

  private static final ResourceValidator<DigitalOceanDatabaseUser, UserSpec> VALIDATOR = new ResourceValidator<>(new UserKind(), true);
  private static final String CLUSTER_ID = "9cc10173-e9ea-4176-9dbc-a4cee4c4ff30";
  private static final StackName STACK = new StackName("organization", "dbplane", "app-user");

  private static ValidationOutcome<UserSpec> validate(DigitalOceanDatabaseUser manifest) {
    return VALIDATOR.validate(ResourceRequest.of(manifest));
  }

  private static DigitalOceanDatabaseUser withSpec(Consumer<DigitalOceanDatabaseUserSpec.Builder> change) {
    DigitalOceanDatabaseUser.Builder manifest = Manifests.databaseUser();
    change.accept(manifest.getSpecBuilder());
    return manifest.build();
  }

  private static List<Violation> violations(Consumer<DigitalOceanDatabaseUserSpec.Builder> change) {
    ValidationOutcome<UserSpec> outcome = validate(withSpec(change));
    assertThat(outcome.provisioningSpec()).isEmpty();
    return outcome.violations();
  }

  private static List<Violation> against(String engine, Consumer<DigitalOceanDatabaseUserSpec.Builder> change, UserSpec... others) {
    Findings findings = new Findings("");
    new UserKind().checkAgainst(withSpec(change), new ClusterFacts(engine, "8", "nyc3", "db-s-1vcpu-1gb", 1), List.of(others), findings);
    assertThat(findings.advisories()).isEmpty();
    return findings.violations();
  }

  private static UserSpec spec(String name, String plugin) {
    return new UserSpec(CLUSTER_ID, name, plugin, STACK);
  }

  // --- accepted and normalised

  @Test
  void aValidManifestIsNormalisedWithoutAdvice() {
    ValidationOutcome<UserSpec> outcome = validate(Manifests.databaseUser().build());

    assertThat(outcome.violations()).isEmpty();
    assertThat(outcome.advisories()).isEmpty();
    assertThat(outcome.provisioningSpec()).contains(spec("app", null));
  }

  @CsvSource({"mysql_native_password, mysql_native_password", "caching_sha2_password, caching_sha2_password"})
  @ParameterizedTest
  void theAuthPluginIsNormalisedToMysqlsOwnName(DigitalOceanDatabaseMysqlAuthPlugin plugin, String name) {
    assertThat(validate(withSpec(s -> s.setMysqlAuthPlugin(plugin))).provisioningSpec()).contains(spec("app", name));
  }

  @Test
  void aClusterReferencedByNameLeavesTheIdToBeBound() {
    UserSpec spec = validate(withSpec(s -> s.setCluster(StringValueOrRef.newBuilder().setValueFrom(ValueFromRef.newBuilder().setName("orders-db")))))
        .provisioningSpec().orElseThrow();
    assertThat(spec.clusterId()).isEmpty();
    assertThat(new UserKind().bindCluster(spec, CLUSTER_ID)).isEqualTo(spec("app", null));
  }

  @Test
  void theStackInputsTargetIsJudgedWithItsPath() {
    DigitalOceanDatabaseUserStackInput input = DigitalOceanDatabaseUserStackInput.newBuilder()
        .setTarget(withSpec(s -> s.setName("doadmin")))
        .setProviderConfig(Manifests.providerConfig())
        .build();
    assertThat(new ResourceValidator<>(new UserKind(), false).validate(ResourceRequest.ofStackInput(input, DigitalOceanDatabaseUser.class)).violations())
        .extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("target.spec.name", "dbplane.name.reserved"));
  }

  // --- refused, advised

  @Test
  void theClusterAndTheNameAreRequired() {
    assertThat(violations(s -> s.clearCluster().clearName()))
        .extracting(Violation::field, Violation::rule)
        .containsExactlyInAnyOrder(tuple("spec.cluster", "required"), tuple("spec.name", "required"));
  }

  @CsvSource({"2fa, string.pattern", "app.user, string.pattern", "app@host, string.pattern",
      "A234567890123456789012345678901234567890123456789012345678901234, string.max_len"})
  @ParameterizedTest
  void namesOutsideEveryEnginesRulesAreRefused(String name, String rule) {
    assertThat(violations(s -> s.setName(name))).extracting(Violation::field, Violation::rule).containsExactly(tuple("spec.name", rule));
  }

  @Test
  void theAdminUserDigitalOceanMakesIsRefused() {
    assertThat(violations(s -> s.setName("doadmin")))
        .extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("spec.name", "dbplane.name.reserved"));
  }

  @Test
  void anUnknownAuthPluginIsRefused() {
    assertThat(violations(s -> s.setMysqlAuthPluginValue(7)))
        .extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("spec.mysql_auth_plugin", "enum.defined_only"));
  }

  @Test
  void aClusterReferenceThatIsNoClustersIdIsRefused() {
    assertThat(violations(s -> s.setCluster(StringValueOrRef.newBuilder().setValue("orders-db"))))
        .extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("spec.cluster.value", "dbplane.cluster.uuid"));
  }

  @Test
  void mysqlNativePasswordIsAdvisedAgainst() {
    ValidationOutcome<UserSpec> outcome = validate(withSpec(s -> s.setMysqlAuthPlugin(DigitalOceanDatabaseMysqlAuthPlugin.mysql_native_password)));
    assertThat(outcome.violations()).isEmpty();
    assertThat(outcome.advisories())
        .extracting(Advisory::field, Advisory::code)
        .containsExactly(tuple("spec.mysql_auth_plugin", "dbplane.mysql_native_password_deprecated"));
  }

  // --- against the cluster

  @ParameterizedTest
  @ValueSource(strings = {"pg", "mysql", "mongodb"})
  void enginesWithUsersTakeANewOne(String engine) {
    assertThat(against(engine, s -> {})).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"redis", "valkey"})
  void cachingClustersHaveNoUsers(String engine) {
    assertThat(against(engine, s -> {}))
        .extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("spec.cluster", "dbplane.cluster.engine_unsupported"));
  }

  @CsvSource({"pg, postgres", "mysql, root"})
  @ParameterizedTest
  void theEnginesSuperuserIsRefused(String engine, String name) {
    assertThat(against(engine, s -> s.setName(name)))
        .extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("spec.name", "dbplane.name.reserved"));
    assertThat(against("mongodb", s -> s.setName(name))).isEmpty();
  }

  @Test
  void aNameAnotherUserOfTheClusterHasIsRefused() {
    assertThat(against("pg", s -> {}, spec("reporting", null), spec("app", null)))
        .extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("spec.name", "dbplane.name.taken"));
  }

  @Test
  void mysqlUserNamesAreAtMost32Characters() {
    String longest = "u".repeat(32);
    assertThat(against("mysql", s -> s.setName(longest))).isEmpty();
    assertThat(against("mysql", s -> s.setName(longest + "x")))
        .extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("spec.name", "dbplane.name.mysql_length"));
    assertThat(against("pg", s -> s.setName(longest + "x"))).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(value = DigitalOceanDatabaseMysqlAuthPlugin.class, names = {"mysql_native_password", "caching_sha2_password"})
  void anAuthPluginIsForMysqlUsersOnly(DigitalOceanDatabaseMysqlAuthPlugin plugin) {
    assertThat(against("mysql", s -> s.setMysqlAuthPlugin(plugin))).isEmpty();
    assertThat(against("pg", s -> s.setMysqlAuthPlugin(plugin)))
        .extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("spec.mysql_auth_plugin", "dbplane.mysql_auth_plugin.not_mysql"));
  }

  // --- changes

  @Test
  void anotherAuthPluginChangesTheUserInPlace() {
    ChangeVerdict verdict = new UserKind().judgeChange(spec("app", null), spec("app", "mysql_native_password"));
    assertThat(verdict.replacements()).isEmpty();
    assertThat(verdict.unsupported()).isEmpty();
  }

  @Test
  void aNewNameOrClusterReplacesTheUser() {
    ChangeVerdict verdict = new UserKind().judgeChange(
        spec("app", null), new UserSpec("5a4981aa-9653-4bd1-bef5-d6bff52042e4", "app2", null, STACK));
    assertThat(verdict.replacements())
        .extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("spec.cluster", "dbplane.change.replaces_user"), tuple("spec.name", "dbplane.change.replaces_user"));
    assertThat(verdict.replacements().get(1).message()).contains("from app to app2", "new password");
    assertThat(verdict.unsupported()).isEmpty();
  }

  // --- what the kind says of itself

  @Test
  void theKindNamesItsManifestItsClusterAndItsOutputs() {
    UserKind kind = new UserKind();
    DigitalOceanDatabaseUser manifest = Manifests.databaseUser().build();
    assertThat(kind.name()).isEqualTo("DigitalOceanDatabaseUser").isEqualTo(manifest.getKind());
    assertThat(kind.resourceName(manifest)).isEqualTo("app");
    assertThat(kind.clusterOf(manifest)).isEqualTo(manifest.getSpec().getCluster());
    assertThat(kind.outputs().all()).containsExactly("id", "name", "role", "password");
    assertThat(kind.outputs().secrets()).containsExactly("password");
    assertThat(kind.outputs().id()).isEqualTo("id");
  }
}
