package dev.dbplane.pool.program;

import static dev.dbplane.support.ResourceMocks.isSecret;
import static dev.dbplane.support.ResourceMocks.value;
import static org.assertj.core.api.Assertions.assertThat;

import com.pulumi.test.Mocks;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestResult;
import dev.dbplane.digitalocean.DigitalOceanApi;
import dev.dbplane.engine.Secret;
import dev.dbplane.engine.StackName;
import dev.dbplane.pool.PoolKind;
import dev.dbplane.pool.PoolSpec;
import dev.dbplane.support.FakeDigitalOceanApi;
import dev.dbplane.support.ResourceMocks;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/** The connection pool's inline program under Pulumi's own mocks: the inputs it sends and the outputs it exports. */
@Isolated
class PoolProgramTest {

  private static final String TOKEN = "dop_v1_PROGRAM_TOKEN";
  private static final String CLUSTER_ID = "9cc10173-e9ea-4176-9dbc-a4cee4c4ff30";
  private static final StackName STACK = new StackName("acme", "dbplane", "prod.app-pool");
  private static final PoolSpec SPEC = new PoolSpec(CLUSTER_ID, "app-pool", "transaction", 10, "defaultdb", "app", STACK);
  private static final String URI = "postgresql://app:pw-secret@orders-do-user-1.db.ondigitalocean.com:25061/app-pool?sslmode=require";
  private static final String PRIVATE_URI =
      "postgresql://app:pw-secret@private-orders-do-user-1.db.ondigitalocean.com:25061/app-pool?sslmode=require";

  private static ResourceMocks mocks() {
    return new ResourceMocks(DatabaseConnectionPool.TYPE, CLUSTER_ID + "/app-pool", Map.of(
        "name", "app-pool",
        "host", "orders-do-user-1.db.ondigitalocean.com",
        "privateHost", "private-orders-do-user-1.db.ondigitalocean.com",
        "port", 25061,
        "uri", URI,
        "privateUri", PRIVATE_URI,
        "password", "pw-secret"));
  }

  @AfterEach
  void cleanup() {
    PulumiTest.cleanup();
  }

  @Test
  void thePoolGetsEveryInputOfTheSpec() {
    ResourceMocks mocks = mocks();
    mocks.run(new PoolProgram(SPEC, Secret.of(TOKEN), null));
    Mocks.ResourceArgs pool = mocks.only(DatabaseConnectionPool.TYPE);
    assertThat(pool.name).isEqualTo(PoolProgram.POOL_NAME);
    assertThat(pool.inputs).containsOnly(
        Map.entry("clusterId", CLUSTER_ID),
        Map.entry("name", "app-pool"),
        Map.entry("mode", "transaction"),
        Map.entry("size", 10.0), // numbers reach mocks as doubles
        Map.entry("dbName", "defaultdb"),
        Map.entry("user", "app"));
    assertThat(pool.provider).contains("pulumi:providers:digitalocean::digitalocean");
  }

  @Test
  void noUserIsSentWhenEachClientConnectsAsItsOwn() {
    ResourceMocks mocks = mocks();
    mocks.run(new PoolProgram(new PoolSpec(CLUSTER_ID, "app-pool", "session", 5, "defaultdb", null, STACK), Secret.of(TOKEN), null));
    assertThat(mocks.only(DatabaseConnectionPool.TYPE).inputs).doesNotContainKey("user").containsEntry("mode", "session");
  }

  @Test
  void theProviderIsExplicitAndHoldsTheTokenAndTheApiEndpoint() {
    ResourceMocks mocks = mocks();
    mocks.run(new PoolProgram(SPEC, Secret.of(TOKEN), "http://127.0.0.1:8089"));
    assertThat(mocks.provider().inputs)
        .containsEntry("token", TOKEN)
        .containsEntry("apiEndpoint", "http://127.0.0.1:8089");
  }

  @Test
  void theProgramExportsTheOutputsWithTheUrisAndThePasswordAsSecrets() {
    TestResult result = mocks().run(new PoolProgram(SPEC, Secret.of(TOKEN), null));
    assertThat(result.outputs()).containsOnlyKeys(PoolKind.OUTPUTS.all());
    assertThat(value(result, "id")).isEqualTo(CLUSTER_ID + "/app-pool");
    assertThat(value(result, "name")).isEqualTo("app-pool");
    assertThat(value(result, "host")).isEqualTo("orders-do-user-1.db.ondigitalocean.com");
    assertThat(value(result, "port")).isEqualTo(25061);
    assertThat(value(result, "uri")).isEqualTo(URI);
    assertThat(value(result, "private_uri")).isEqualTo(PRIVATE_URI);
    assertThat(value(result, "password")).isEqualTo("pw-secret");
    for (String name : PoolKind.OUTPUTS.all()) {
      assertThat(isSecret(result.outputs().get(name))).as(name).isEqualTo(PoolKind.OUTPUTS.secrets().contains(name));
    }
  }

  @Test
  void theProgramKeepsWhatItExportsForTheEngine() {
    PoolProgram program = new PoolProgram(SPEC, Secret.of(TOKEN), null);
    assertThat(program.outputs()).isEmpty();
    mocks().run(program);
    assertThat(program.outputs()).hasValueSatisfying(outputs -> assertThat(outputs)
        .containsExactly(
            Map.entry("id", CLUSTER_ID + "/app-pool"),
            Map.entry("name", "app-pool"),
            Map.entry("host", "orders-do-user-1.db.ondigitalocean.com"),
            Map.entry("port", "25061"),
            Map.entry("uri", URI),
            Map.entry("private_uri", PRIVATE_URI),
            Map.entry("password", "pw-secret")));
  }

  @Test
  void anInterruptedCreateIsFoundAtDigitalOceanAsTheProviderIdsIt() {
    try (FakeDigitalOceanApi digitalocean = FakeDigitalOceanApi.having("/v2/databases/" + CLUSTER_ID + "/pools/app-pool")) {
      PoolPrograms programs = new PoolPrograms(digitalocean.api());
      assertThat(programs.existingId(SPEC, Secret.of(TOKEN))).contains(CLUSTER_ID + "/app-pool");
      assertThat(programs.existingId(new PoolSpec(CLUSTER_ID, "other", "transaction", 1, "defaultdb", null, STACK), Secret.of(TOKEN))).isEmpty();
      assertThat(digitalocean.asked())
          .containsExactly("/v2/databases/" + CLUSTER_ID + "/pools/app-pool", "/v2/databases/" + CLUSTER_ID + "/pools/other");
    }
  }

  @Test
  void theEngineReadsThePoolsOutputsFromTheProperties() {
    PoolPrograms programs = new PoolPrograms(new DigitalOceanApi(null));
    assertThat(programs.specType()).isEqualTo(PoolSpec.TYPE);
    assertThat(programs.resourceType()).isEqualTo(DatabaseConnectionPool.TYPE);
    assertThat(programs.exportedProperties()).containsExactly(
        Map.entry("id", "id"), Map.entry("name", "name"), Map.entry("host", "host"), Map.entry("port", "port"),
        Map.entry("uri", "uri"), Map.entry("private_uri", "privateUri"), Map.entry("password", "password"));
    assertThat(programs.secretOutputs()).containsExactlyInAnyOrder("uri", "private_uri", "password");
  }
}
