package dev.dbplane.pulumi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbplane.cluster.program.ClusterPrograms;
import dev.dbplane.digitalocean.DigitalOceanApi;
import org.junit.jupiter.api.Test;

/** Reading a stack's exported state: the cluster's outputs, and interrupted creates adopted by id. */
class StackStateTest {

  private static final KindProgram<?> CLUSTERS = new ClusterPrograms(new DigitalOceanApi(null));

  private static final String CLUSTER_URN = "urn:pulumi:prod.orders::dbplane::digitalocean:index/databaseCluster:DatabaseCluster::database-cluster";
  private static final String SECRET = "\"4dabf18193072939515e22adb298388d\": \"1b47061264138c4ac30d75fd1eb44270\"";

  private static String exported(String resources, String pending) {
    return "{\"version\": 3, \"deployment\": {\"manifest\": {}, \"resources\": [" + resources + "], \"pending_operations\": [" + pending + "]}}";
  }

  private static final String STACK = "{\"urn\": \"urn:pulumi:prod.orders::dbplane::pulumi:pulumi:Stack::dbplane-prod.orders\", \"type\": \"pulumi:pulumi:Stack\"}";

  @Test
  void theClustersOutputsAreReadFromItsStateWithTheSecretsMarked() {
    String cluster = "{\"urn\": \"" + CLUSTER_URN + "\", \"type\": \"" + CLUSTERS.resourceType() + "\", \"id\": \"9cc1\", \"outputs\": {"
        + "\"host\": \"db.example\", \"port\": 25060, \"user\": \"doadmin\","
        + "\"password\": {" + SECRET + ", \"plaintext\": \"\\\"pw\\\"\"},"
        + "\"uri\": {" + SECRET + ", \"plaintext\": \"\\\"postgresql://doadmin:pw@db.example:25060/defaultdb\\\"\"}}}";
    StackState.ResourceOutputs outputs = StackState.parse(exported(STACK + "," + cluster, "")).resource(CLUSTERS).orElseThrow();
    assertThat(outputs.values())
        .containsEntry("cluster_id", "9cc1")
        .containsEntry("host", "db.example")
        .containsEntry("port", "25060")
        .containsEntry("database_user", "doadmin")
        .containsEntry("database_password", "pw")
        .containsEntry("connection_uri", "postgresql://doadmin:pw@db.example:25060/defaultdb");
    assertThat(outputs.secrets()).containsExactlyInAnyOrder("database_password", "connection_uri");
  }

  @Test
  void aStackWithoutItsClusterHasNone() {
    assertThat(StackState.parse(exported(STACK, "")).resource(CLUSTERS)).isEmpty();
  }

  @Test
  void anInterruptedCreateIsFoundAndAdoptedByItsId() {
    String pending = "{\"type\": \"creating\", \"resource\": {\"urn\": \"" + CLUSTER_URN + "\", \"type\": \"" + CLUSTERS.resourceType()
        + "\", \"custom\": true, \"inputs\": {\"name\": \"orders\", \"engine\": \"pg\"}}}";
    StackState state = StackState.parse(exported(STACK, pending));
    assertThat(state.pendingCreates()).containsExactly(new StackState.PendingCreate(CLUSTER_URN, CLUSTERS.resourceType()));
    assertThat(state.resource(CLUSTERS)).isEmpty();

    StackState adopted = StackState.parse(state.adopting(CLUSTER_URN, "9cc1"));
    assertThat(adopted.pendingCreates()).isEmpty();
    assertThat(adopted.resource(CLUSTERS)).get().satisfies(c -> assertThat(c.values()).containsEntry("cluster_id", "9cc1"));
  }
}
