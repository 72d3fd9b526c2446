package dev.dbplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jayway.jsonpath.JsonPath;
import dev.dbplane.support.ApiClient;
import dev.dbplane.support.DatabaseRows;
import dev.dbplane.support.FilesOnDisk;
import dev.dbplane.support.Manifests;
import dev.dbplane.support.RealEngine;
import dev.dbplane.support.Sandbox;
import dev.dbplane.support.TestKeys;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What a cluster needs around it, for real through the REST API over HTTP: an application of a
 * PostgreSQL cluster gets its own database, user and transaction pool and connects through the
 * pool as that user; its password is rotated; trusted sources are set and changed; a replica is
 * added and its URI read; the cluster goes only after what lives in it, some of it one by one and
 * the rest taken along in the cluster's own job. The real Pulumi CLI, the sandbox provider, the emulator
 * and the PostgreSQL behind it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "dbplane.jobs.polling-interval=200ms", "dbplane.jobs.workers=2", "dbplane.security.mutations-per-minute=10000"})
@ExtendWith({RealEngine.class, OutputCaptureExtension.class})
class RealEngineAttachedTests {

  private static final Duration JOB_WAIT = Duration.ofMinutes(3);
  private static final Path DATA = Path.of("target", "real-engine-attached-" + java.util.UUID.randomUUID()).toAbsolutePath();
  private static final Instant STARTED = Instant.now().minusSeconds(5);

  @LocalServerPort int port;
  private ApiClient api;
  private Sandbox sandbox;

  @DynamicPropertySource
  static void onTheSandbox(DynamicPropertyRegistry registry) {
    RealEngine.register(registry, DATA);
  }

  @BeforeEach
  void client() {
    api = new ApiClient(port);
    sandbox = Sandbox.require();
  }

  @Test
  void anApplicationGetsItsDatabaseUserPoolTrustedSourcesAndAReplicaRotatesAPasswordAndTheyGoBeforeTheCluster(CapturedOutput output) throws Exception {
    String name = Manifests.uniqueName("app");
    HttpResponse<String> created = api.send(TestKeys.OPERATOR, "POST", "/api/v1/database-clusters", "application/json", Sandbox.stackInput(name, 1));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
    String clusterId = JsonPath.read(created.body(), "$.clusterId");
    succeeded(JsonPath.read(created.body(), "$.job.id"));
    String doId = JsonPath.read(sandbox.cluster(name), "$.id");

    // Its own database and user, each naming the cluster: by its id here, and by its metadata.name.
    String db = create("/api/v1/database-dbs", "application/json", """
        {"apiVersion": "digital-ocean.project-planton.org/v1", "kind": "DigitalOceanDatabaseDb",
         "metadata": {"name": "%s-db", "org": "acme", "env": "prod"},
         "spec": {"cluster": {"value": "%s"}, "name": "orders"}}""".formatted(name, clusterId));
    String user = create("/api/v1/database-users", "application/yaml", """
        apiVersion: digital-ocean.project-planton.org/v1
        kind: DigitalOceanDatabaseUser
        metadata: {name: %s-user, org: acme, env: prod}
        spec:
          cluster: {valueFrom: {name: %s}}
          name: orders_app
        """.formatted(name, name));
    String userView = api.get("/api/v1/database-users/" + user).body();
    assertThat(JsonPath.<String>read(userView, "$.clusterId")).isEqualTo(clusterId);
    assertThat(JsonPath.<String>read(userView, "$.outputs.password")).isEqualTo("[REDACTED]");
    assertThat(api.send(TestKeys.OPERATOR, "POST", "/api/v1/database-users/" + user + "/outputs:reveal", null, null).statusCode()).isEqualTo(403);
    String password = JsonPath.read(reveal("/api/v1/database-users/" + user), "$.password");

    // A transaction pool to that database as that user: its URI connects as the user.
    String pool = create("/api/v1/database-connection-pools", "application/json", """
        {"apiVersion": "digital-ocean.project-planton.org/v1", "kind": "DigitalOceanDatabaseConnectionPool",
         "metadata": {"name": "%s-pool", "org": "acme", "env": "prod"},
         "spec": {"cluster": {"value": "%s"}, "name": "orders-pool", "mode": "transaction", "size": 5,
                  "dbName": "orders", "user": "orders_app"}}""".formatted(name, clusterId));
    String poolOutputs = reveal("/api/v1/database-connection-pools/" + pool);
    assertThat(JsonPath.<String>read(poolOutputs, "$.password")).isEqualTo(password);
    assertThat(sessionOf(JsonPath.read(poolOutputs, "$.uri"))).isEqualTo("orders_app@orders");

    // The user's password rotated: DigitalOcean's reset_auth, read into the stack. The old password is
    // refused at once, the new one connects; the pool reads it at its next refresh.
    HttpResponse<String> rotation = api.send(TestKeys.OPERATOR, "POST", "/api/v1/database-users/" + user + ":rotate-password", null, null);
    assertThat(rotation.statusCode()).as(rotation.body()).isEqualTo(202);
    String rotationJob = JsonPath.read(rotation.body(), "$.job.id");
    succeeded(rotationJob);
    String rotated = JsonPath.read(reveal("/api/v1/database-users/" + user), "$.password");
    assertThat(rotated).isNotBlank().isNotEqualTo(password);
    String poolUri = JsonPath.read(poolOutputs, "$.uri");
    assertThatThrownBy(() -> sessionOf(poolUri)).isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
    assertThat(sessionOf(poolUri.replace(":" + password + "@", ":" + rotated + "@"))).isEqualTo("orders_app@orders");
    assertThat(api.get("/api/v1/jobs/" + rotationJob + "/events").body()).contains("password-reset").doesNotContain(rotated).doesNotContain(password);
    HttpResponse<String> poolRefresh = api.send(TestKeys.OPERATOR, "POST", "/api/v1/database-connection-pools/" + pool + ":refresh", null, null);
    succeeded(JsonPath.read(poolRefresh.body(), "$.job.id"));
    String refreshedPoolUri = JsonPath.read(reveal("/api/v1/database-connection-pools/" + pool), "$.uri");
    assertThat(sessionOf(refreshedPoolUri)).isEqualTo("orders_app@orders");

    // A pool beyond what the cluster's size allows is refused, and nothing is written.
    long pools = JsonPath.<Integer>read(api.get("/api/v1/database-connection-pools?clusterId=" + clusterId).body(), "$.totalItems");
    HttpResponse<String> tooBig = api.send(TestKeys.OPERATOR, "POST", "/api/v1/database-connection-pools", "application/json", """
        {"apiVersion": "digital-ocean.project-planton.org/v1", "kind": "DigitalOceanDatabaseConnectionPool",
         "metadata": {"name": "%s-big", "org": "acme", "env": "prod"},
         "spec": {"cluster": {"value": "%s"}, "name": "big-pool", "mode": "session", "size": 500, "dbName": "orders"}}"""
        .formatted(name, clusterId));
    assertThat(tooBig.statusCode()).as(tooBig.body()).isEqualTo(422);
    assertThat(JsonPath.<Integer>read(api.get("/api/v1/database-connection-pools?clusterId=" + clusterId).body(), "$.totalItems"))
        .isEqualTo((int) pools);

    // Trusted sources, set and changed: DigitalOcean holds them.
    String firewall = create("/api/v1/database-firewalls", "application/json", firewall(name, clusterId, "{\"type\": \"ip_addr\", \"value\": \"203.0.113.0/24\"}"));
    assertThat(rules(doId)).containsExactly("ip_addr:203.0.113.0/24");
    String etag = api.get("/api/v1/database-firewalls/" + firewall).headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> changed = api.sendWithIfMatch("PUT", "/api/v1/database-firewalls/" + firewall,
        firewall(name, clusterId, "{\"type\": \"ip_addr\", \"value\": \"203.0.113.0/24\"}, {\"type\": \"tag\", \"value\": \"orders-app\"}"), etag);
    assertThat(changed.statusCode()).as(changed.body()).isEqualTo(202);
    succeeded(JsonPath.read(changed.body(), "$.job.id"));
    assertThat(rules(doId)).containsExactlyInAnyOrder("ip_addr:203.0.113.0/24", "tag:orders-app");

    // A replica, whose URI reads the cluster's data.
    String replica = create("/api/v1/database-replicas", "application/json", """
        {"apiVersion": "digital-ocean.project-planton.org/v1", "kind": "DigitalOceanDatabaseReplica",
         "metadata": {"name": "%s-read", "org": "acme", "env": "prod"},
         "spec": {"cluster": {"value": "%s"}, "name": "%s-read", "region": "nyc3", "sizeSlug": "db-s-2vcpu-4gb"}}"""
        .formatted(name, clusterId, name));
    // The emulator keeps each cluster's default database under a name of its own in the one PostgreSQL behind it.
    assertThat(sessionOf(JsonPath.read(reveal("/api/v1/database-replicas/" + replica), "$.uri"))).contains("@defaultdb");

    // The cluster lists what lives in it, and goes only after it.
    String cluster = api.get("/api/v1/database-clusters/" + clusterId).body();
    assertThat(JsonPath.<List<String>>read(cluster, "$.resources[*].kind")).containsExactlyInAnyOrder(
        "DigitalOceanDatabaseDb", "DigitalOceanDatabaseUser", "DigitalOceanDatabaseConnectionPool", "DigitalOceanDatabaseFirewall",
        "DigitalOceanDatabaseReplica");
    HttpResponse<String> refused = api.send("DELETE", "/api/v1/database-clusters/" + clusterId + "?confirm=" + name, null, null);
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);

    // Some go one by one, in an order the API allows; the cluster takes the rest along, in one job.
    destroy("/api/v1/database-connection-pools/" + pool, "orders-pool");
    destroy("/api/v1/database-firewalls/" + firewall, JsonPath.read(api.get("/api/v1/database-firewalls/" + firewall).body(), "$.name"));
    assertThat(rules(doId)).isEmpty();
    HttpResponse<String> withResources =
        api.send("DELETE", "/api/v1/database-clusters/" + clusterId + "?confirm=" + name + "&withResources=true", null, null);
    assertThat(withResources.statusCode()).as(withResources.body()).isEqualTo(202);
    String cascade = JsonPath.read(withResources.body(), "$.job.id");
    succeeded(cascade);
    assertThat(JsonPath.<List<String>>read(api.get("/api/v1/jobs/" + cascade + "/events").body(), "$[?(@.type == 'dependent-destroyed')].message"))
        .containsExactly(
            "destroyed the database orders, which lived in " + name,
            "destroyed the replica " + name + "-read, which lived in " + name,
            "destroyed the user orders_app, which lived in " + name);
    for (String gone : List.of("/api/v1/database-clusters/" + clusterId, "/api/v1/database-users/" + user, "/api/v1/database-dbs/" + db,
        "/api/v1/database-replicas/" + replica)) {
      assertThat(api.get(gone).statusCode()).as(gone).isEqualTo(404);
    }
    assertThat(sandbox.clusterNames()).doesNotContain(name, name + "-read");

    // The token and both passwords, in the clear: in no log line, no file the run left, no column.
    List<String> markers = List.of(Sandbox.TOKEN, password, rotated);
    for (String marker : markers) {
      assertThat(output.getAll()).as("the service's log").doesNotContain(marker);
    }
    assertThat(FilesOnDisk.holding(markers, DATA, STARTED)).as("files under the data directory").isEmpty();
    assertThat(FilesOnDisk.holding(markers, Path.of(System.getProperty("java.io.tmpdir")), STARTED)).as("files under the temp directory").isEmpty();
    try (Connection records = DriverManager.getConnection(
        "jdbc:h2:file:" + DATA.resolve("db/dbplane") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;IFEXISTS=TRUE", "dbplane", "")) {
      assertThat(DatabaseRows.holding(records, markers)).as("plain database columns").isEmpty();
    }
  }

  @Test
  void aDestroyTakesWhatWentAlreadyForGoneButNeverWhatDigitalOceanStillHas() throws Exception {
    String name = Manifests.uniqueName("gone");
    HttpResponse<String> created = api.send(TestKeys.OPERATOR, "POST", "/api/v1/database-clusters", "application/json", Sandbox.stackInput(name, 1));
    String clusterId = JsonPath.read(created.body(), "$.clusterId");
    succeeded(JsonPath.read(created.body(), "$.job.id"));
    String doId = JsonPath.read(sandbox.cluster(name), "$.id");
    String db = create("/api/v1/database-dbs", "application/json", """
        {"apiVersion": "digital-ocean.project-planton.org/v1", "kind": "DigitalOceanDatabaseDb",
         "metadata": {"name": "%s-db", "org": "acme", "env": "prod"}, "spec": {"cluster": {"value": "%s"}, "name": "ledger"}}"""
        .formatted(name, clusterId));
    String user = create("/api/v1/database-users", "application/json", """
        {"apiVersion": "digital-ocean.project-planton.org/v1", "kind": "DigitalOceanDatabaseUser",
         "metadata": {"name": "%s-user", "org": "acme", "env": "prod"}, "spec": {"cluster": {"value": "%s"}, "name": "ledger_app"}}"""
        .formatted(name, clusterId));

    // The database and its stack went, but the service stopped before it recorded so: the destroy sent
    // again finds both gone, and succeeds.
    assertThat(sandbox.digitalocean("DELETE", "/v2/databases/" + doId + "/dbs/ledger", null).statusCode()).isEqualTo(204);
    Files.delete(stackState(name + "-db"));
    HttpResponse<String> again = api.send("DELETE", "/api/v1/database-dbs/" + db + "?confirm=ledger", null, null);
    String dbJob = JsonPath.read(again.body(), "$.job.id");
    succeeded(dbJob);
    assertThat(api.get("/api/v1/database-dbs/" + db).statusCode()).isEqualTo(404);
    assertThat(api.get("/api/v1/jobs/" + dbJob + "/events").body()).contains("it was destroyed already");

    // The user's stack is lost while DigitalOcean still has the user: never taken for destroyed.
    Path userState = stackState(name + "-user");
    String kept = Files.readString(userState);
    Files.delete(userState);
    String refused = api.awaitEnd(JsonPath.read(api.send("DELETE", "/api/v1/database-users/" + user + "?confirm=ledger_app", null, null).body(),
        "$.job.id"), JOB_WAIT);
    assertThat(JsonPath.<String>read(refused, "$.error.code")).as(refused).isEqualTo("STATE_LOST");
    assertThat(JsonPath.<String>read(api.get("/api/v1/database-users/" + user).body(), "$.state")).isEqualTo("STATE_LOST");
    assertThat(sandbox.digitalocean("GET", "/v2/databases/" + doId + "/users/ledger_app", null).statusCode()).isEqualTo(200);

    // Its state restored, the cluster takes it along.
    Files.writeString(userState, kept);
    HttpResponse<String> withResources =
        api.send("DELETE", "/api/v1/database-clusters/" + clusterId + "?confirm=" + name + "&withResources=true", null, null);
    succeeded(JsonPath.read(withResources.body(), "$.job.id"));
    assertThat(api.get("/api/v1/database-users/" + user).statusCode()).isEqualTo(404);
    assertThat(sandbox.clusterNames()).doesNotContain(name);
  }

  private static Path stackState(String metadataName) {
    return DATA.resolve("pulumi-state/.pulumi/stacks/dbplane/prod." + metadataName + ".json");
  }

  private String create(String collection, String contentType, String body) throws Exception {
    HttpResponse<String> created = api.send(TestKeys.OPERATOR, "POST", collection, contentType, body);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
    succeeded(JsonPath.read(created.body(), "$.job.id"));
    String id = JsonPath.read(created.body(), "$.resourceId");
    assertThat(JsonPath.<String>read(api.get(collection + "/" + id).body(), "$.state")).isEqualTo("READY");
    return id;
  }

  private void destroy(String path, String name) throws Exception {
    HttpResponse<String> deleting = api.send("DELETE", path + "?confirm=" + name, null, null);
    assertThat(deleting.statusCode()).as(deleting.body()).isEqualTo(202);
    succeeded(JsonPath.read(deleting.body(), "$.job.id"));
    assertThat(api.get(path).statusCode()).isEqualTo(404);
  }

  private void succeeded(String jobId) throws Exception {
    String job = api.awaitEnd(jobId, JOB_WAIT);
    assertThat(JsonPath.<String>read(job, "$.status")).as(job).isEqualTo("SUCCEEDED");
  }

  private String reveal(String path) throws Exception {
    HttpResponse<String> revealed = api.send(TestKeys.SECRETS_READER, "POST", path + "/outputs:reveal", null, null);
    assertThat(revealed.statusCode()).as(revealed.body()).isEqualTo(200);
    return revealed.body();
  }

  private static String firewall(String name, String clusterId, String rules) {
    return """
        {"apiVersion": "digital-ocean.project-planton.org/v1", "kind": "DigitalOceanDatabaseFirewall",
         "metadata": {"name": "%s-firewall", "org": "acme", "env": "prod"},
         "spec": {"cluster": {"value": "%s"}, "rules": [%s]}}""".formatted(name, clusterId, rules);
  }

  private List<String> rules(String doId) throws Exception {
    String answer = sandbox.digitalocean("GET", "/v2/databases/" + doId + "/firewall", null).body();
    List<String> types = JsonPath.read(answer, "$.rules[*].type");
    List<String> values = JsonPath.read(answer, "$.rules[*].value");
    return java.util.stream.IntStream.range(0, types.size()).mapToObj(i -> types.get(i) + ":" + values.get(i)).toList();
  }

  /** Who a connection through this URI is, and to which database: user@database. */
  private static String sessionOf(String uri) throws Exception {
    URI parsed = URI.create(uri);
    String[] userInfo = parsed.getRawUserInfo().split(":", 2);
    String jdbcUrl = "jdbc:postgresql://" + parsed.getHost() + ":" + parsed.getPort() + parsed.getPath();
    try (Connection connection = DriverManager.getConnection(jdbcUrl,
            URLDecoder.decode(userInfo[0], StandardCharsets.UTF_8), URLDecoder.decode(userInfo[1], StandardCharsets.UTF_8));
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT current_user || '@' || current_database()")) {
      rs.next();
      return rs.getString(1);
    }
  }
}
