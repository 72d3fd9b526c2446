package dev.dbplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import dev.dbplane.support.ApiClient;
import dev.dbplane.support.DatabaseRows;
import dev.dbplane.support.FilesOnDisk;
import dev.dbplane.support.Manifests;
import dev.dbplane.support.RealEngine;
import dev.dbplane.support.Sandbox;
import dev.dbplane.support.TestKeys;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseCluster;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseEngine;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The main job for real, through the REST API over HTTP: the service runs the real Pulumi CLI with
 * the sandbox DigitalOcean provider against the DigitalOcean API emulator, whose PostgreSQL clusters
 * are real databases. Every behaviour of the engine is proven here, not against a stand-in.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "dbplane.jobs.polling-interval=200ms", "dbplane.jobs.workers=3", "dbplane.security.mutations-per-minute=10000"})
@ExtendWith({RealEngine.class, OutputCaptureExtension.class})
class RealEngineTests {

  private static final Duration JOB_WAIT = Duration.ofMinutes(3);
  private static final Path DATA = Path.of("target", "real-engine-" + UUID.randomUUID()).toAbsolutePath();
  private static final Instant STARTED = Instant.now();
  /** Every password the emulator handed out, searched for everywhere at the end. */
  private static final Set<String> PASSWORDS = ConcurrentHashMap.newKeySet();
  private static final List<String> LOGS = new ArrayList<>();

  @LocalServerPort int port;
  private ApiClient api;
  private Sandbox sandbox;

  @DynamicPropertySource
  static void onTheSandbox(DynamicPropertyRegistry registry) {
    RealEngine.register(registry, DATA);
    // Drift schedules of a second: the sweep that queues their checks runs as often.
    registry.add("dbplane.drift.sweep-interval", () -> "1s");
    registry.add("dbplane.drift.minimum-every", () -> "1s");
    registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + DATA.resolve("db/dbplane") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
  }

  @BeforeEach
  void client() throws Exception {
    api = new ApiClient(port);
    sandbox = Sandbox.require();
  }

  // --- the life of a cluster

  @Test
  void aClusterIsCreatedRevealedResizedPreviewedRefreshedAndDestroyed(CapturedOutput output) throws Exception {
    String name = Manifests.uniqueName("life");
    HttpResponse<String> created = api.send(TestKeys.OPERATOR, "POST", "/api/v1/database-clusters", "application/json", Sandbox.stackInput(name, 1));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
    String clusterId = JsonPath.read(created.body(), "$.clusterId");
    String up = api.awaitEnd(JsonPath.read(created.body(), "$.job.id"), JOB_WAIT);
    assertThat(JsonPath.<String>read(up, "$.status")).as(up).isEqualTo("SUCCEEDED");
    // The stack, the provider and the cluster.
    assertThat(JsonPath.<Integer>read(up, "$.changes.create")).isEqualTo(3);

    String atDigitalOcean = sandbox.cluster(name);
    String doId = JsonPath.read(atDigitalOcean, "$.id");
    assertThat(JsonPath.<String>read(atDigitalOcean, "$.status")).isEqualTo("online");
    assertThat(JsonPath.<Integer>read(atDigitalOcean, "$.num_nodes")).isEqualTo(1);

    // Events are for people: steps and DigitalOcean's words, no debug dumps, no false cancel.
    String events = api.get("/api/v1/jobs/" + JsonPath.read(up, "$.id") + "/events?limit=100").body();
    List<String> types = JsonPath.read(events, "$[*].type");
    assertThat(types).contains("resource-create", "summary").doesNotContain("diagnostic-debug", "engine-cancelled");
    assertThat(types.get(types.size() - 1)).isEqualTo("succeeded");
    assertThat(events).doesNotContain(Sandbox.TOKEN).doesNotContain((String) JsonPath.read(atDigitalOcean, "$.connection.password"));

    // Connected to as its clients will, with its outputs: it answered, and the job and the cluster say which server it is.
    assertThat(types).contains("verified");
    assertThat(JsonPath.<Boolean>read(up, "$.verification.answered")).isTrue();
    assertThat(JsonPath.<String>read(up, "$.verification.check")).isEqualTo("SELECT version()");
    assertThat(JsonPath.<String>read(up, "$.verification.serverVersion")).startsWith("PostgreSQL 1");

    // Stored encrypted, shown redacted, revealed with the role; the URI connects.
    String cluster = api.get("/api/v1/database-clusters/" + clusterId).body();
    assertThat(JsonPath.<String>read(cluster, "$.state")).isEqualTo("READY");
    assertThat(JsonPath.<String>read(cluster, "$.verification.serverVersion")).isEqualTo(JsonPath.read(up, "$.verification.serverVersion"));
    // A sandbox says so wherever a person looks.
    assertThat(JsonPath.<String>read(cluster, "$.sandbox")).contains("not to DigitalOcean");
    assertThat(JsonPath.<String>read(api.get("/actuator/health").body(), "$.components.pulumi.details.sandbox")).startsWith("sandbox:");
    assertThat(JsonPath.<String>read(cluster, "$.outputs.connection_uri")).isEqualTo("[REDACTED]");
    assertThat(JsonPath.<String>read(cluster, "$.outputs.database_password")).isEqualTo("[REDACTED]");
    assertThat(JsonPath.<String>read(cluster, "$.outputs.cluster_id")).isEqualTo(doId);
    assertThat(api.send(TestKeys.OPERATOR, "POST", "/api/v1/database-clusters/" + clusterId + "/outputs:reveal", null, null).statusCode()).isEqualTo(403);
    String revealed = api.send(TestKeys.SECRETS_READER, "POST", "/api/v1/database-clusters/" + clusterId + "/outputs:reveal", null, null).body();
    String password = JsonPath.read(revealed, "$.database_password");
    PASSWORDS.add(password);
    assertThat(password).isEqualTo(JsonPath.read(atDigitalOcean, "$.connection.password"));
    assertThat(selectVersion(JsonPath.read(revealed, "$.connection_uri"))).startsWith("PostgreSQL");

    // Resize: DigitalOcean sees it.
    String etag = api.get("/api/v1/database-clusters/" + clusterId).headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> resized = api.sendWithIfMatch("PUT", "/api/v1/database-clusters/" + clusterId, Sandbox.stackInput(name, 2), etag);
    assertThat(resized.statusCode()).as(resized.body()).isEqualTo(202);
    String resize = api.awaitEnd(JsonPath.read(resized.body(), "$.job.id"), JOB_WAIT);
    assertThat(JsonPath.<String>read(resize, "$.status")).as(resize).isEqualTo("SUCCEEDED");
    assertThat(JsonPath.<Integer>read(sandbox.cluster(name), "$.num_nodes")).isEqualTo(2);

    // Preview of another change shows it and changes nothing.
    HttpResponse<String> previewed = api.send("POST", "/api/v1/database-clusters/" + clusterId + ":preview", "application/json", Sandbox.stackInput(name, 3));
    String preview = api.awaitEnd(JsonPath.read(previewed.body(), "$.job.id"), JOB_WAIT);
    assertThat(JsonPath.<String>read(preview, "$.status")).as(preview).isEqualTo("SUCCEEDED");
    assertThat(JsonPath.<Integer>read(preview, "$.changes.update")).isEqualTo(1);
    assertThat(JsonPath.<Integer>read(sandbox.cluster(name), "$.num_nodes")).isEqualTo(2);

    // Refresh: no drift, then drift after a change behind the service's back.
    String noDrift = refresh(clusterId);
    assertThat(JsonPath.<Map<String, Integer>>read(noDrift, "$.changes")).doesNotContainKey("update");
    sandbox.changeBehindTheServicesBack(doId, "{\"size\": \"db-s-4vcpu-8gb\"}");
    String drift = refresh(clusterId);
    assertThat(JsonPath.<Integer>read(drift, "$.changes.update")).as(drift).isEqualTo(1);
    assertThat(eventsOf(JsonPath.read(drift, "$.id"))).contains("size");

    // Destroy: gone from DigitalOcean, the stack removed, the record gone.
    HttpResponse<String> destroying = api.send("DELETE", "/api/v1/database-clusters/" + clusterId + "?confirm=" + name, null, null);
    String destroy = api.awaitEnd(JsonPath.read(destroying.body(), "$.job.id"), JOB_WAIT);
    assertThat(JsonPath.<String>read(destroy, "$.status")).as(destroy).isEqualTo("SUCCEEDED");
    assertThat(sandbox.clusterNames()).doesNotContain(name);
    assertThat(api.get("/api/v1/database-clusters/" + clusterId).statusCode()).isEqualTo(404);
    try (Stream<Path> stacks = Files.walk(DATA.resolve("pulumi-state/.pulumi/stacks"))) {
      assertThat(stacks.map(Path::toString)).noneMatch(p -> p.endsWith("." + name + ".json"));
    }

    collect(output);
  }

  @Test
  void aClusterDeletedOutsideTheServiceIsFoundGoneByARefresh(CapturedOutput output) throws Exception {
    String name = Manifests.uniqueName("gone");
    String clusterId = createAndAwait(name);
    // DigitalOcean holds a deleted cluster's name for a while; the UP below may take it at once.
    sandbox.settings("{\"name_hold\": \"0s\"}");
    sandbox.deleteBehindTheServicesBack(JsonPath.read(sandbox.cluster(name), "$.id"));
    String refreshed = refresh(clusterId);
    assertThat(JsonPath.<String>read(refreshed, "$.status")).as(refreshed).isEqualTo("SUCCEEDED");
    String cluster = api.get("/api/v1/database-clusters/" + clusterId).body();
    assertThat(JsonPath.<String>read(cluster, "$.state")).isEqualTo("GONE");
    assertThat(JsonPath.<Map<String, Object>>read(cluster, "$")).doesNotContainKey("outputs");
    // An UP creates it again.
    String etag = api.get("/api/v1/database-clusters/" + clusterId).headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> again = api.sendWithIfMatch("PUT", "/api/v1/database-clusters/" + clusterId, Sandbox.stackInput(name, 1), etag);
    String recreated = api.awaitEnd(JsonPath.read(again.body(), "$.job.id"), JOB_WAIT);
    assertThat(JsonPath.<String>read(recreated, "$.status")).as(recreated).isEqualTo("SUCCEEDED");
    assertThat(sandbox.clusterNames().stream().filter(name::equals)).hasSize(1);
    collect(output);
  }

  @Test
  void aDriftScheduleChecksTheClusterChangingNothingAndMarksItDrifted(CapturedOutput output) throws Exception {
    String name = Manifests.uniqueName("drift");
    String clusterId = createAndAwait(name);
    String doId = JsonPath.read(sandbox.cluster(name), "$.id");
    Path state = DATA.resolve("pulumi-state/.pulumi/stacks/dbplane/prod." + name + ".json");
    String before = Files.readString(state);
    sandbox.changeBehindTheServicesBack(doId, "{\"size\": \"db-s-4vcpu-8gb\"}");

    HttpResponse<String> scheduled =
        api.send("PUT", "/api/v1/database-clusters/" + clusterId + "/drift-schedule", "application/json", "{\"every\": \"PT1S\"}");
    assertThat(scheduled.statusCode()).as(scheduled.body()).isEqualTo(200);
    String check = api.awaitEnd(api.awaitFirstJob(clusterId, "DRIFT_CHECK", JOB_WAIT), JOB_WAIT);
    assertThat(api.send("DELETE", "/api/v1/database-clusters/" + clusterId + "/drift-schedule", null, null).statusCode()).isEqualTo(204);

    assertThat(JsonPath.<String>read(check, "$.status")).as(check).isEqualTo("SUCCEEDED");
    assertThat(JsonPath.<String>read(check, "$.requestedBy")).isEqualTo("drift-schedule");
    assertThat(JsonPath.<Integer>read(check, "$.changes.update")).as(check).isEqualTo(1);
    assertThat(eventsOf(JsonPath.read(check, "$.id"))).contains("size");
    assertThat(JsonPath.<String>read(api.get("/api/v1/database-clusters/" + clusterId).body(), "$.state")).isEqualTo("DRIFTED");
    // It changed nothing: neither the stack's state nor DigitalOcean.
    assertThat(Files.readString(state)).isEqualTo(before);
    assertThat(JsonPath.<String>read(sandbox.cluster(name), "$.size")).isEqualTo("db-s-4vcpu-8gb");

    // A refresh takes the change in, once the checks the schedule queued before it went have ended.
    for (String queued : JsonPath.<List<String>>read(api.get("/api/v1/jobs?clusterId=" + clusterId + "&operation=DRIFT_CHECK").body(), "$.items[*].id")) {
      api.awaitEnd(queued, JOB_WAIT);
    }
    refresh(clusterId);
    assertThat(JsonPath.<String>read(api.get("/api/v1/database-clusters/" + clusterId).body(), "$.state")).isEqualTo("READY");
    collect(output);
  }

  @Test
  void aClusterThatDoesNotAnswerIsReportedAndItsProvisioningStillSucceeds(CapturedOutput output) throws Exception {
    String name = Manifests.uniqueName("mute");
    DigitalOceanDatabaseCluster.Builder mysql = Manifests.inProd(name, 1);
    // The emulator backs PostgreSQL clusters with a real server; a MySQL cluster's host answers no one.
    mysql.getSpecBuilder().setEngine(DigitalOceanDatabaseEngine.mysql).setEngineVersion("8");
    HttpResponse<String> created = api.send(TestKeys.OPERATOR, "POST", "/api/v1/database-clusters", "application/json", Sandbox.stackInput(mysql.build()));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
    String up = api.awaitEnd(JsonPath.read(created.body(), "$.job.id"), JOB_WAIT);

    assertThat(JsonPath.<String>read(up, "$.status")).as(up).isEqualTo("SUCCEEDED");
    assertThat(JsonPath.<Boolean>read(up, "$.verification.answered")).isFalse();
    assertThat(JsonPath.<String>read(up, "$.verification.detail")).contains("did not answer SELECT version()", "provisioned all the same");
    String events = api.get("/api/v1/jobs/" + JsonPath.read(up, "$.id") + "/events?limit=100").body();
    assertThat(JsonPath.<List<String>>read(events, "$[*].type")).contains("not-verified");
    String cluster = api.get("/api/v1/database-clusters/" + JsonPath.read(created.body(), "$.clusterId")).body();
    assertThat(JsonPath.<String>read(cluster, "$.state")).isEqualTo("READY");
    assertThat(JsonPath.<Boolean>read(cluster, "$.verification.answered")).isFalse();
    collect(output);
  }

  @Test
  void aStackWhoseStateWasLostIsReportedAndNeverGetsASecondCluster(CapturedOutput output) throws Exception {
    String name = Manifests.uniqueName("lost");
    String clusterId = createAndAwait(name);
    Path state = DATA.resolve("pulumi-state/.pulumi/stacks/dbplane/prod." + name + ".json");
    String kept = Files.readString(state);

    // Deleted: the job fails before the CLI runs, and the cluster says why.
    Files.delete(state);
    String refreshed = api.awaitEnd(JsonPath.read(api.send("POST", "/api/v1/database-clusters/" + clusterId + ":refresh", null, null).body(), "$.job.id"), JOB_WAIT);
    assertThat(JsonPath.<String>read(refreshed, "$.status")).as(refreshed).isEqualTo("FAILED");
    assertThat(JsonPath.<String>read(refreshed, "$.error.code")).isEqualTo("STATE_LOST");
    assertThat(JsonPath.<String>read(refreshed, "$.error.message")).contains("no longer holds the cluster", "still exists at DigitalOcean");
    assertThat(JsonPath.<String>read(api.get("/api/v1/database-clusters/" + clusterId).body(), "$.state")).isEqualTo("STATE_LOST");

    // Emptied: an UP would create a second cluster beside the first; it is refused the same way.
    com.google.gson.JsonObject emptied = com.google.gson.JsonParser.parseString(kept).getAsJsonObject();
    emptied.getAsJsonObject("checkpoint").getAsJsonObject("latest").add("resources", new com.google.gson.JsonArray());
    Files.writeString(state, emptied.toString());
    String etag = api.get("/api/v1/database-clusters/" + clusterId).headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> resized = api.sendWithIfMatch("PUT", "/api/v1/database-clusters/" + clusterId, Sandbox.stackInput(name, 2), etag);
    String refused = api.awaitEnd(JsonPath.read(resized.body(), "$.job.id"), JOB_WAIT);
    assertThat(JsonPath.<String>read(refused, "$.error.code")).as(refused).isEqualTo("STATE_LOST");
    assertThat(sandbox.clusterNames().stream().filter(name::equals)).as("exactly one cluster").hasSize(1);

    // Restored: the next job acts on the one cluster again.
    Files.writeString(state, kept);
    etag = api.get("/api/v1/database-clusters/" + clusterId).headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> again = api.sendWithIfMatch("PUT", "/api/v1/database-clusters/" + clusterId, Sandbox.stackInput(name, 2), etag);
    String converged = api.awaitEnd(JsonPath.read(again.body(), "$.job.id"), JOB_WAIT);
    assertThat(JsonPath.<String>read(converged, "$.status")).as(converged).isEqualTo("SUCCEEDED");
    assertThat(JsonPath.<String>read(api.get("/api/v1/database-clusters/" + clusterId).body(), "$.state")).isEqualTo("READY");
    assertThat(JsonPath.<Integer>read(sandbox.cluster(name), "$.num_nodes")).isEqualTo(2);
    collect(output);
  }

  @Test
  void twoClustersAreCreatedAtOnce(CapturedOutput output) throws Exception {
    String first = Manifests.uniqueName("pair-a");
    String second = Manifests.uniqueName("pair-b");
    HttpResponse<String> a = api.send("POST", "/api/v1/database-clusters", "application/json", Sandbox.stackInput(first, 1));
    HttpResponse<String> b = api.send("POST", "/api/v1/database-clusters", "application/json", Sandbox.stackInput(second, 1));
    assertThat(JsonPath.<String>read(api.awaitEnd(JsonPath.read(a.body(), "$.job.id"), JOB_WAIT), "$.status")).isEqualTo("SUCCEEDED");
    assertThat(JsonPath.<String>read(api.awaitEnd(JsonPath.read(b.body(), "$.job.id"), JOB_WAIT), "$.status")).isEqualTo("SUCCEEDED");
    assertThat(sandbox.clusterNames()).contains(first, second);
    collect(output);
  }

  // --- cancel, and failures in DigitalOcean's words

  @Test
  void aCancelDuringACreateEndsCancelledAndTheNextUpConverges(CapturedOutput output) throws Exception {
    sandbox.settings("{\"create_delay\": \"60s\"}");
    String name = Manifests.uniqueName("cancel");
    HttpResponse<String> created = api.send("POST", "/api/v1/database-clusters", "application/json", Sandbox.stackInput(name, 1));
    String clusterId = JsonPath.read(created.body(), "$.clusterId");
    String jobId = JsonPath.read(created.body(), "$.job.id");
    sandbox.awaitCluster(name, JOB_WAIT);
    HttpResponse<String> cancelling = api.send("POST", "/api/v1/jobs/" + jobId + ":cancel", null, null);
    assertThat(cancelling.statusCode()).as(cancelling.body()).isEqualTo(200);
    assertThat(JsonPath.<String>read(cancelling.body(), "$.status")).isEqualTo("CANCELLING");
    String cancelled = api.awaitEnd(jobId, JOB_WAIT);
    assertThat(JsonPath.<String>read(cancelled, "$.status")).as(cancelled).isEqualTo("CANCELLED");
    assertThat(RealEngine.locks(DATA)).as("no lock left behind").isEmpty();
    RealEngine.assertNoPulumiProcessLeft();

    sandbox.settings("{\"create_delay\": \"0s\"}");
    String etag = api.get("/api/v1/database-clusters/" + clusterId).headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> again = api.sendWithIfMatch("PUT", "/api/v1/database-clusters/" + clusterId, Sandbox.stackInput(name, 1), etag);
    assertThat(again.statusCode()).as(again.body()).isEqualTo(202);
    String converged = api.awaitEnd(JsonPath.read(again.body(), "$.job.id"), JOB_WAIT);
    assertThat(JsonPath.<String>read(converged, "$.status")).as(converged).isEqualTo("SUCCEEDED");
    assertThat(sandbox.clusterNames().stream().filter(name::equals)).as("exactly one cluster").hasSize(1);
    // The SDK's own error line, with this JVM's command line, never reaches the log.
    assertThat(output.getAll()).doesNotContain("Running program [PID").doesNotContain(System.getProperty("java.class.path"));
    collect(output);
  }

  @Test
  void aTokenDigitalOceanRefusesFailsAsCredentialsRejected(CapturedOutput output) throws Exception {
    String name = Manifests.uniqueName("badtoken");
    String body = Sandbox.stackInput(name, 1).replace(Sandbox.TOKEN, "dop_v1_" + "0".repeat(64));
    String job = api.awaitEnd(JsonPath.read(api.send("POST", "/api/v1/database-clusters", "application/json", body).body(), "$.job.id"), JOB_WAIT);
    assertThat(JsonPath.<String>read(job, "$.status")).isEqualTo("FAILED");
    assertThat(JsonPath.<String>read(job, "$.error.code")).as(job).isEqualTo("CREDENTIALS_REJECTED");
    collect(output);
  }

  @Test
  void aNameDigitalOceanAlreadyHasFailsInItsOwnWords(CapturedOutput output) throws Exception {
    String name = Manifests.uniqueName("taken");
    HttpResponse<String> byHand = sandbox.digitalocean("POST", "/v2/databases",
        "{\"name\": \"" + name + "\", \"engine\": \"pg\", \"version\": \"16\", \"region\": \"nyc3\", \"size\": \"db-s-1vcpu-1gb\", \"num_nodes\": 1}");
    assertThat(byHand.statusCode()).as(byHand.body()).isEqualTo(201);
    String job = api.awaitEnd(JsonPath.read(api.send("POST", "/api/v1/database-clusters", "application/json", Sandbox.stackInput(name, 1)).body(), "$.job.id"), JOB_WAIT);
    assertThat(JsonPath.<String>read(job, "$.error.code")).as(job).isEqualTo("PROVIDER_ERROR");
    assertThat(JsonPath.<String>read(job, "$.error.message")).contains("422").containsIgnoringCase("name");
    collect(output);
  }

  @Test
  void rateLimitsAndServerErrorsOfDigitalOceanAreSurvived(CapturedOutput output) throws Exception {
    sandbox.inject("{\"method\": \"POST\", \"path\": \"/v2/databases\", \"count\": 2, \"status\": 429}");
    sandbox.inject("{\"method\": \"GET\", \"path\": \"/v2/databases/\", \"count\": 3, \"status\": 503}");
    String name = Manifests.uniqueName("faults");
    String job = api.awaitEnd(JsonPath.read(api.send("POST", "/api/v1/database-clusters", "application/json", Sandbox.stackInput(name, 1)).body(), "$.job.id"), JOB_WAIT);
    assertThat(JsonPath.<String>read(job, "$.status")).as(job).isEqualTo("SUCCEEDED");
    assertThat(sandbox.clusterNames().stream().filter(name::equals)).hasSize(1);
    collect(output);
  }

  // --- no secret anywhere

  @AfterAll
  static void theTokenAndThePasswordsAreNowhere() throws Exception {
    List<String> markers = new ArrayList<>(PASSWORDS);
    markers.add(Sandbox.TOKEN);
    String logs;
    synchronized (LOGS) {
      logs = String.join("\n", LOGS);
    }
    for (String marker : markers) {
      assertThat(logs).as("the service's log").doesNotContain(marker);
    }
    assertThat(FilesOnDisk.holding(markers, DATA, STARTED.minusSeconds(5))).as("files under the data directory").isEmpty();
    assertThat(FilesOnDisk.holding(markers, Path.of(System.getProperty("java.io.tmpdir")), STARTED.minusSeconds(5))).as("files under the temp directory").isEmpty();
    try (Connection db = DriverManager.getConnection("jdbc:h2:file:" + DATA.resolve("db/dbplane") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;IFEXISTS=TRUE", "dbplane", "")) {
      assertThat(DatabaseRows.holding(db, markers)).as("plain database columns").isEmpty();
    }
  }

  private void collect(CapturedOutput output) {
    synchronized (LOGS) {
      LOGS.add(output.getAll());
    }
  }

  // --- helpers

  private String createAndAwait(String name) throws Exception {
    HttpResponse<String> created = api.send("POST", "/api/v1/database-clusters", "application/json", Sandbox.stackInput(name, 1));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
    String job = api.awaitEnd(JsonPath.read(created.body(), "$.job.id"), JOB_WAIT);
    assertThat(JsonPath.<String>read(job, "$.status")).as(job).isEqualTo("SUCCEEDED");
    return JsonPath.read(created.body(), "$.clusterId");
  }

  private String refresh(String clusterId) throws Exception {
    HttpResponse<String> refreshing = api.send("POST", "/api/v1/database-clusters/" + clusterId + ":refresh", null, null);
    assertThat(refreshing.statusCode()).as(refreshing.body()).isEqualTo(202);
    String job = api.awaitEnd(JsonPath.read(refreshing.body(), "$.job.id"), JOB_WAIT);
    assertThat(JsonPath.<String>read(job, "$.status")).as(job).isEqualTo("SUCCEEDED");
    return job;
  }

  private String eventsOf(String jobId) throws Exception {
    return api.get("/api/v1/jobs/" + jobId + "/events?limit=100").body();
  }

  private static String selectVersion(String uri) throws Exception {
    java.net.URI parsed = java.net.URI.create(uri);
    String[] userInfo = parsed.getRawUserInfo().split(":", 2);
    String jdbcUrl = "jdbc:postgresql://" + parsed.getHost() + ":" + parsed.getPort() + parsed.getPath();
    try (Connection connection = DriverManager.getConnection(jdbcUrl,
            java.net.URLDecoder.decode(userInfo[0], StandardCharsets.UTF_8), java.net.URLDecoder.decode(userInfo[1], StandardCharsets.UTF_8));
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT version()")) {
      rs.next();
      return rs.getString(1);
    }
  }
}
