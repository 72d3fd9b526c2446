package dev.dbplane.replica.program;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbplane.engine.Secret;
import dev.dbplane.engine.StackName;
import dev.dbplane.replica.ReplicaKind;
import dev.dbplane.replica.ReplicaSpec;
import dev.dbplane.support.FakeDigitalOceanApi;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How the engine finds a replica whose create was interrupted, against a local stand-in for DigitalOcean's API. */
class ReplicaProgramsTest {

  private static final Secret TOKEN = Secret.of("dop_v1_" + "a".repeat(64));
  private static final String CLUSTER = "9cc10173-e9ea-4176-9dbc-a4cee4c4ff30";

  private final FakeDigitalOceanApi digitalocean = FakeDigitalOceanApi.having();
  private final ReplicaPrograms programs = new ReplicaPrograms(digitalocean.api());

  @BeforeEach
  void answer() {
    digitalocean.answer("/v2/databases/" + CLUSTER + "/replicas/orders-db-read-ams3", 200,
        "{\"replica\":{\"id\":\"a7b8c9d0\",\"name\":\"orders-db-read-ams3\",\"status\":\"forking\"}}");
  }

  @AfterEach
  void stop() {
    digitalocean.close();
  }

  private static ReplicaSpec spec(String clusterId, String name) {
    return new ReplicaSpec(clusterId, name, "ams3", "db-s-2vcpu-4gb", null, null, List.of(), new StackName("acme", "dbplane", "prod." + name));
  }

  @Test
  void aReplicaDigitalOceanHasIsHeldUnderTheProvidersIdOfClusterAndName() {
    assertThat(programs.existingId(spec(CLUSTER, "orders-db-read-ams3"), TOKEN)).contains(CLUSTER + "/replicas/orders-db-read-ams3");
  }

  @Test
  void aReplicaDigitalOceanDoesNotHaveWasNeverCreated() {
    assertThat(programs.existingId(spec(CLUSTER, "orders-db-read-fra1"), TOKEN)).isEmpty();
    assertThat(digitalocean.asked()).containsExactly("/v2/databases/" + CLUSTER + "/replicas/orders-db-read-fra1");
  }

  @Test
  void anUnboundSpecAsksNothing() {
    assertThat(programs.existingId(spec("", "orders-db-read-ams3"), TOKEN)).isEmpty();
    assertThat(digitalocean.asked()).isEmpty();
  }

  @Test
  void theEngineReadsTheReplicaAsItsKindSays() {
    assertThat(programs.specType()).isEqualTo(ReplicaSpec.TYPE);
    assertThat(programs.noun()).isEqualTo(ReplicaKind.NOUN);
    assertThat(programs.resourceType()).isEqualTo("digitalocean:index/databaseReplica:DatabaseReplica");
    assertThat(programs.exportedProperties().keySet()).containsExactlyElementsOf(ReplicaKind.OUTPUTS.all());
    assertThat(programs.secretOutputs()).containsExactlyInAnyOrder("uri", "private_uri", "password");
  }
}
