package dev.dbplane.replica.program;

import static dev.dbplane.support.ResourceMocks.isSecret;
import static dev.dbplane.support.ResourceMocks.value;
import static org.assertj.core.api.Assertions.assertThat;

import com.pulumi.test.Mocks;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestResult;
import dev.dbplane.engine.Secret;
import dev.dbplane.engine.StackName;
import dev.dbplane.replica.ReplicaKind;
import dev.dbplane.replica.ReplicaSpec;
import dev.dbplane.support.ResourceMocks;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/** The replica's inline program under Pulumi's own mocks: the inputs it sends and the outputs it exports. */
@Isolated
class ReplicaProgramTest {

  private static final String TOKEN = "dop_v1_PROGRAM_TOKEN";
  private static final String CLUSTER_ID = "9cc10173-e9ea-4176-9dbc-a4cee4c4ff30";
  private static final String REPLICA_UUID = "a7b8c9d0-1234-4bd1-bef5-d6bff52042e4";
  private static final String URI = "postgresql://doadmin:pw-secret@read-ams3-do-user-1.db.ondigitalocean.com:25060/defaultdb";
  private static final String PRIVATE_URI = "postgresql://doadmin:pw-secret@private-read-ams3-do-user-1.db.ondigitalocean.com:25060/defaultdb";

  /** DigitalOcean's answer for the replica. */
  private static ResourceMocks mocks() {
    return new ResourceMocks(DatabaseReplica.TYPE, CLUSTER_ID + "/replicas/orders-db-read-ams3", Map.of(
        "uuid", REPLICA_UUID,
        "host", "read-ams3-do-user-1.db.ondigitalocean.com",
        "port", 25060,
        "uri", URI,
        "privateUri", PRIVATE_URI,
        "database", "defaultdb",
        "user", "doadmin",
        "password", "pw-secret"));
  }

  @AfterEach
  void cleanup() {
    PulumiTest.cleanup();
  }

  private static ReplicaSpec spec(String vpc, String storageMib) {
    return new ReplicaSpec(CLUSTER_ID, "orders-db-read-ams3", "ams3", "db-s-2vcpu-4gb", vpc, storageMib,
        List.of("name:orders-db-read-ams3", "env:prod"), new StackName("acme", "dbplane", "prod.orders-db-read-ams3"));
  }

  private static ReplicaProgram program(ReplicaSpec spec, String endpoint) {
    return new ReplicaProgram(spec, Secret.of(TOKEN), endpoint);
  }

  @Test
  void theReplicaGetsEveryInputOfTheSpec() {
    ResourceMocks mocks = mocks();
    mocks.run(program(spec("5a4981aa-9653-4bd1-bef5-d6bff52042e4", "61440"), null));

    Mocks.ResourceArgs replica = mocks.only(DatabaseReplica.TYPE);
    assertThat(replica.name).isEqualTo(ReplicaProgram.REPLICA_NAME);
    assertThat(replica.inputs)
        .containsOnly(
            Map.entry("clusterId", CLUSTER_ID),
            Map.entry("name", "orders-db-read-ams3"),
            Map.entry("region", "ams3"),
            Map.entry("size", "db-s-2vcpu-4gb"),
            Map.entry("privateNetworkUuid", "5a4981aa-9653-4bd1-bef5-d6bff52042e4"),
            Map.entry("storageSizeMib", "61440"),
            Map.entry("tags", List.of("name:orders-db-read-ams3", "env:prod")));
    assertThat(replica.provider).contains("pulumi:providers:digitalocean::digitalocean");
  }

  @Test
  void optionalFieldsAbsentFromTheSpecAreNotSent() {
    ResourceMocks mocks = mocks();
    mocks.run(program(spec(null, null), null));
    assertThat(mocks.only(DatabaseReplica.TYPE).inputs).doesNotContainKeys("privateNetworkUuid", "storageSizeMib");
  }

  @Test
  void theProviderIsExplicitAndHoldsTheTokenAndTheEndpoint() {
    ResourceMocks mocks = mocks();
    mocks.run(program(spec(null, null), "http://127.0.0.1:8089"));
    assertThat(mocks.provider().inputs)
        .containsEntry("token", TOKEN)
        .containsEntry("apiEndpoint", "http://127.0.0.1:8089");
  }

  @Test
  void theProgramExportsTheOutputsWithTheUrisAndPasswordAsSecrets() {
    TestResult result = mocks().run(program(spec(null, null), null));

    assertThat(result.outputs()).containsOnlyKeys(ReplicaKind.OUTPUTS.all());
    assertThat(value(result, "id")).isEqualTo(REPLICA_UUID);
    assertThat(value(result, "host")).isEqualTo("read-ams3-do-user-1.db.ondigitalocean.com");
    assertThat(value(result, "port")).isEqualTo(25060);
    assertThat(value(result, "uri")).isEqualTo(URI);
    assertThat(value(result, "private_uri")).isEqualTo(PRIVATE_URI);
    assertThat(value(result, "database")).isEqualTo("defaultdb");
    assertThat(value(result, "user")).isEqualTo("doadmin");
    assertThat(value(result, "password")).isEqualTo("pw-secret");
    for (String name : ReplicaKind.OUTPUTS.all()) {
      assertThat(isSecret(result.outputs().get(name))).as(name).isEqualTo(ReplicaKind.OUTPUTS.secrets().contains(name));
    }
  }

  @Test
  void theProgramKeepsWhatItExportsForTheEngineInTheOutputsOrder() {
    ReplicaProgram program = program(spec(null, null), null);
    assertThat(program.outputs()).isEmpty();

    mocks().run(program);

    assertThat(program.outputs()).hasValueSatisfying(outputs -> assertThat(outputs)
        .containsExactly(
            Map.entry("id", REPLICA_UUID),
            Map.entry("host", "read-ams3-do-user-1.db.ondigitalocean.com"),
            Map.entry("port", "25060"),
            Map.entry("uri", URI),
            Map.entry("private_uri", PRIVATE_URI),
            Map.entry("database", "defaultdb"),
            Map.entry("user", "doadmin"),
            Map.entry("password", "pw-secret")));
  }

  @Test
  void everyOutputIsReadFromItsPropertyOnRefresh() {
    assertThat(ReplicaProgram.EXPORTED_PROPERTIES).containsExactly(
        Map.entry("id", "uuid"), Map.entry("host", "host"), Map.entry("port", "port"), Map.entry("uri", "uri"),
        Map.entry("private_uri", "privateUri"), Map.entry("database", "database"), Map.entry("user", "user"),
        Map.entry("password", "password"));
  }

}
