package dev.dbplane.replica.program;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.dbplane.digitalocean.DigitalOceanApi;
import dev.dbplane.engine.Secret;
import dev.dbplane.engine.StackName;
import dev.dbplane.replica.ReplicaKind;
import dev.dbplane.replica.ReplicaSpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How the engine finds a replica whose create was interrupted, against a local stand-in for DigitalOcean's API. */
class ReplicaProgramsTest {

  private static final Secret TOKEN = Secret.of("dop_v1_" + "a".repeat(64));
  private static final String CLUSTER = "9cc10173-e9ea-4176-9dbc-a4cee4c4ff30";

  private final List<String> asked = new CopyOnWriteArrayList<>();
  private HttpServer server;
  private ReplicaPrograms programs;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      asked.add(path);
      boolean known = path.equals("/v2/databases/" + CLUSTER + "/replicas/orders-db-read-ams3");
      byte[] bytes = (known ? "{\"replica\":{\"id\":\"a7b8c9d0\",\"name\":\"orders-db-read-ams3\",\"status\":\"forking\"}}" : "{\"id\":\"not_found\"}")
          .getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(known ? 200 : 404, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    server.start();
    programs = new ReplicaPrograms(new DigitalOceanApi("http://127.0.0.1:" + server.getAddress().getPort()));
  }

  @AfterEach
  void stop() {
    server.stop(0);
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
    assertThat(asked).containsExactly("/v2/databases/" + CLUSTER + "/replicas/orders-db-read-fra1");
  }

  @Test
  void anUnboundSpecAsksNothing() {
    assertThat(programs.existingId(spec("", "orders-db-read-ams3"), TOKEN)).isEmpty();
    assertThat(asked).isEmpty();
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
