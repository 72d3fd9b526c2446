package dev.dbplane.cluster.program;

import static dev.dbplane.support.ResourceMocks.isSecret;
import static dev.dbplane.support.ResourceMocks.value;
import static org.assertj.core.api.Assertions.assertThat;

import com.pulumi.test.Mocks;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestResult;
import dev.dbplane.cluster.ClusterKind;
import dev.dbplane.cluster.ClusterSpec;
import dev.dbplane.engine.Secret;
import dev.dbplane.engine.StackName;
import dev.dbplane.support.ResourceMocks;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The inline program under Pulumi's own mocks: every input the cluster and the provider get, and
 * every export, for each engine and with the optional fields present and absent.
 */
@Isolated
class ClusterProgramTest {

  private static final String TOKEN = "dop_v1_PROGRAM_TOKEN";

  /** DigitalOcean's answer for the cluster. */
  private static ResourceMocks mocks() {
    return new ResourceMocks(DatabaseCluster.TYPE, "9cc10173-e9ea-4176-9dbc-a4cee4c4ff30", Map.of(
        "host", "orders-do-user-1.db.ondigitalocean.com",
        "port", 25060,
        "user", "doadmin",
        "password", "pw-secret",
        "uri", "postgresql://doadmin:pw-secret@orders-do-user-1.db.ondigitalocean.com:25060/defaultdb",
        "database", "defaultdb",
        "clusterUrn", "do:dbaas:9cc10173"));
  }

  @AfterEach
  void cleanup() {
    PulumiTest.cleanup();
  }

  private static ClusterSpec spec(String engine, String vpc, String storageMib) {
    return new ClusterSpec("orders", engine, "16", "nyc3", "db-s-2vcpu-4gb", 3, vpc, storageMib,
        List.of("name:orders", "env:prod"), false, new StackName("acme", "dbplane", "prod.orders"));
  }

  private static ClusterProgram program(ClusterSpec spec, String endpoint) {
    return new ClusterProgram(spec, Secret.of(TOKEN), endpoint);
  }

  @ParameterizedTest
  @ValueSource(strings = {"pg", "mysql", "redis", "valkey", "mongodb"})
  void theClusterGetsEveryInputOfTheSpecForEachEngine(String engine) {
    ResourceMocks mocks = mocks();
    mocks.run(program(spec(engine, "5a4981aa-9653-4bd1-bef5-d6bff52042e4", "102400"), null));
    Mocks.ResourceArgs cluster = mocks.only(DatabaseCluster.TYPE);
    assertThat(cluster.name).isEqualTo(ClusterProgram.CLUSTER_NAME);
    assertThat(cluster.inputs)
        .containsEntry("name", "orders")
        .containsEntry("engine", engine)
        .containsEntry("version", "16")
        .containsEntry("size", "db-s-2vcpu-4gb")
        .containsEntry("region", "nyc3")
        .containsEntry("nodeCount", 3.0) // numbers reach mocks as doubles
        .containsEntry("privateNetworkUuid", "5a4981aa-9653-4bd1-bef5-d6bff52042e4")
        .containsEntry("storageSizeMib", "102400")
        .containsEntry("tags", List.of("name:orders", "env:prod"));
    assertThat(cluster.provider).contains("pulumi:providers:digitalocean::" + "digitalocean");
  }

  @Test
  void optionalFieldsAbsentFromTheSpecAreNotSent() {
    ResourceMocks mocks = mocks();
    mocks.run(program(spec("pg", null, null), null));
    assertThat(mocks.only(DatabaseCluster.TYPE).inputs).doesNotContainKeys("privateNetworkUuid", "storageSizeMib");
  }

  @Test
  void theProviderIsExplicitAndHoldsTheToken() {
    ResourceMocks mocks = mocks();
    mocks.run(program(spec("pg", null, null), null));
    Mocks.ResourceArgs provider = mocks.provider();
    assertThat(provider.name).isEqualTo("digitalocean");
    assertThat(provider.inputs).containsEntry("token", TOKEN).doesNotContainKey("apiEndpoint");
  }

  @Test
  void anApiEndpointReachesTheProvider() {
    ResourceMocks mocks = mocks();
    mocks.run(program(spec("pg", null, null), "http://127.0.0.1:8089"));
    assertThat(mocks.provider().inputs).containsEntry("apiEndpoint", "http://127.0.0.1:8089");
  }

  @Test
  void theProgramExportsTheOutputsWithTheUriAndPasswordAsSecrets() {
    TestResult result = mocks().run(program(spec("pg", null, null), null));
    assertThat(result.outputs()).containsOnlyKeys(ClusterKind.OUTPUTS.all());
    assertThat(value(result, "cluster_id")).isEqualTo("9cc10173-e9ea-4176-9dbc-a4cee4c4ff30");
    assertThat(value(result, "host")).isEqualTo("orders-do-user-1.db.ondigitalocean.com");
    assertThat(value(result, "port")).isEqualTo(25060);
    assertThat(value(result, "database_user")).isEqualTo("doadmin");
    assertThat(value(result, "database_password")).isEqualTo("pw-secret");
    assertThat(value(result, "connection_uri")).asString().startsWith("postgresql://doadmin:");
    for (String name : ClusterKind.OUTPUTS.all()) {
      assertThat(isSecret(result.outputs().get(name))).as(name).isEqualTo(ClusterKind.OUTPUTS.secrets().contains(name));
    }
  }

  @Test
  void theProgramKeepsWhatItExportsForTheEngine() {
    ClusterProgram program = new ClusterProgram(spec("pg", null, null), Secret.of(TOKEN), null);
    assertThat(program.outputs()).isEmpty();
    mocks().run(program);
    assertThat(program.outputs()).hasValueSatisfying(outputs -> assertThat(outputs)
        .containsOnlyKeys(ClusterKind.OUTPUTS.all())
        .containsEntry("cluster_id", "9cc10173-e9ea-4176-9dbc-a4cee4c4ff30")
        .containsEntry("port", "25060")
        .containsEntry("database_password", "pw-secret")
        .containsEntry("connection_uri", "postgresql://doadmin:pw-secret@orders-do-user-1.db.ondigitalocean.com:25060/defaultdb"));
  }

}
