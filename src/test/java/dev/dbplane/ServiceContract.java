package dev.dbplane;

import static dev.dbplane.support.Manifests.uniqueName;
import static dev.dbplane.support.MvcApi.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.jayway.jsonpath.JsonPath;
import dev.dbplane.common.PeriodicCleanup;
import dev.dbplane.engine.EngineFailure;
import dev.dbplane.engine.Operation;
import dev.dbplane.support.EngineForTests;
import dev.dbplane.support.Manifests;
import dev.dbplane.support.MvcApi;
import dev.dbplane.support.ScriptedStackEngine;
import dev.dbplane.support.TestKeys;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseCluster;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseEngine;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The service end to end through its REST API, with the scripted engine in place of Pulumi: one
 * abstract contract, run against each database the service supports by a thin subclass.
 */
@SpringBootTest(
    properties = {
      "dbplane.engine=scripted",
      "dbplane.jobs.polling-interval=200ms",
      "dbplane.jobs.heartbeat-interval=1s",
      "dbplane.jobs.workers=2",
      "dbplane.jobs.timeouts.refresh=1s",
      "dbplane.jobs.stop-grace=1s"
    })
@AutoConfigureMockMvc
@Import(EngineForTests.class)
abstract class ServiceContract {

  static final String TOKEN = "dop_v1_TOKEN_SECRET_MARKER";
  private static final Duration WAIT = Duration.ofSeconds(20);

  @Autowired MockMvc mvc;
  @Autowired ScriptedStackEngine engine;
  @Autowired JdbcClient jdbc;
  @Autowired Scheduler scheduler;
  @Autowired List<PeriodicCleanup> cleanups;
  @Autowired OneTimeTask<Void> stackJobTask;
  private final MvcApi api = new MvcApi(() -> mvc, TestKeys.OPERATOR);

  // --- create, outputs, secrets

  @Test
  void aCreateRunsAnUpJobWhoseOutputsAreStoredEncryptedAndShownRedacted() throws Exception {
    String name = uniqueName("orders");
    MvcResult created = api.send(post("/api/v1/database-clusters"), stackInput(name, 2, 100));
    assertThat(created.getResponse().getStatus()).isEqualTo(202);
    String location = created.getResponse().getHeader("Location");
    assertThat(location).startsWith("/api/v1/jobs/");
    String jobId = JsonPath.read(body(created), "$.job.id");
    assertThat(location).endsWith(jobId);

    String job = api.await(jobId, "SUCCEEDED");
    assertThat(JsonPath.<Integer>read(job, "$.changes.create")).isEqualTo(2);
    assertThat(JsonPath.<List<String>>read(job, "$.allowedActions")).isEmpty();

    String cluster = body(api.send(get("/api/v1/database-clusters/" + JsonPath.read(body(created), "$.clusterId"))));
    assertThat(JsonPath.<String>read(cluster, "$.state")).isEqualTo("READY");
    assertThat(JsonPath.<String>read(cluster, "$.outputs.host")).isEqualTo(name + ".db.example");
    assertThat(JsonPath.<String>read(cluster, "$.outputs.connection_uri")).isEqualTo("[REDACTED]");
    assertThat(JsonPath.<String>read(cluster, "$.outputs.database_password")).isEqualTo("[REDACTED]");
    assertThat(JsonPath.<String>read(cluster, "$.manifest.spec.clusterName")).isEqualTo(name);
    assertThat(cluster).doesNotContain(TOKEN).doesNotContain(ScriptedStackEngine.SECRET_PASSWORD);

    String events = body(api.send(get("/api/v1/jobs/" + jobId + "/events")));
    assertThat(JsonPath.<List<Integer>>read(events, "$[*].seq")).isSorted().startsWith(1);
    assertThat(JsonPath.<List<String>>read(events, "$[*].type")).contains("started", "succeeded");
    assertThat(events).doesNotContain(TOKEN).contains("[secret]");

    assertThat(plainColumnsContain(TOKEN)).isFalse();
    assertThat(plainColumnsContain(ScriptedStackEngine.SECRET_PASSWORD)).isFalse();
  }

  @Test
  void anInvalidSpecIsRefusedWithEveryViolationAndNothingIsWritten() throws Exception {
    long clusters = count("resources");
    long jobs = count("jobs");
    MvcResult refused = api.send(post("/api/v1/database-clusters"), stackInput("Bad_Name", 4, 0));
    assertThat(refused.getResponse().getStatus()).isEqualTo(422);
    assertThat(refused.getResponse().getContentType()).isEqualTo("application/problem+json");
    assertThat(JsonPath.<List<String>>read(body(refused), "$.violations[*].field"))
        .containsExactlyInAnyOrder("target.spec.nodeCount", "target.spec.clusterName");
    assertThat(count("resources")).isEqualTo(clusters);
    assertThat(count("jobs")).isEqualTo(jobs);
  }

  @Test
  void aSecondClusterOfTheSameNameIsRefused() throws Exception {
    String name = uniqueName("twice");
    api.await(submitCreate(name), "SUCCEEDED");
    MvcResult again = api.send(post("/api/v1/database-clusters"), stackInput(name, 2, 0));
    assertThat(again.getResponse().getStatus()).isEqualTo(409);
    assertThat(JsonPath.<String>read(body(again), "$.type")).endsWith("cluster-exists");
  }

  // --- one active job per cluster

  @Test
  void aClusterWithAJobInProgressRefusesAnother() throws Exception {
    String name = uniqueName("busy");
    CountDownLatch release = new CountDownLatch(1);
    engine.script(name, new ScriptedStackEngine.Block(release));
    String jobId = submitCreate(name);
    String clusterId = clusterIdOf(jobId);
    api.await(jobId, "RUNNING");
    MvcResult refused = api.send(post("/api/v1/database-clusters/" + clusterId + ":refresh"));
    assertThat(refused.getResponse().getStatus()).isEqualTo(409);
    assertThat(JsonPath.<String>read(body(refused), "$.activeJob")).isEqualTo("/api/v1/jobs/" + jobId);
    release.countDown();
    api.await(jobId, "SUCCEEDED");
    assertThat(api.send(post("/api/v1/database-clusters/" + clusterId + ":refresh")).getResponse().getStatus()).isEqualTo(202);
  }

  @Test
  void theDatabaseItselfAllowsOneActiveJobPerCluster() {
    String cluster = UUID.randomUUID().toString();
    insertActiveJob(cluster);
    assertThatThrownBy(() -> insertActiveJob(cluster)).isInstanceOf(DuplicateKeyException.class);
  }

  // --- cancel

  @Test
  void aRunningJobIsCancelledThroughTheEngine() throws Exception {
    String name = uniqueName("cancel-running");
    engine.script(name, new ScriptedStackEngine.Block(new CountDownLatch(1)));
    String jobId = submitCreate(name);
    api.await(jobId, "RUNNING");
    String cancelling = body(api.send(post("/api/v1/jobs/" + jobId + ":cancel")));
    assertThat(JsonPath.<String>read(cancelling, "$.status")).isIn("CANCELLING", "CANCELLED");
    api.await(jobId, "CANCELLED");
    assertThat(JsonPath.<String>read(body(api.send(get("/api/v1/database-clusters/" + clusterIdOf(jobId)))), "$.state")).isEqualTo("FAILED");
    MvcResult again = api.send(post("/api/v1/jobs/" + jobId + ":cancel"));
    assertThat(again.getResponse().getStatus()).isEqualTo(409);
  }

  @Test
  void aQueuedJobIsCancelledAtOnceAndNeverRuns() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    List<String> blockers = List.of(uniqueName("blocker"), uniqueName("blocker"));
    for (String blocker : blockers) {
      engine.script(blocker, new ScriptedStackEngine.Block(release));
      api.await(submitCreate(blocker), "RUNNING");
    }
    String name = uniqueName("queued");
    String jobId = submitCreate(name);
    String cancelled = body(api.send(post("/api/v1/jobs/" + jobId + ":cancel")));
    assertThat(JsonPath.<String>read(cancelled, "$.status")).isEqualTo("CANCELLED");
    release.countDown();
    Thread.sleep(1000);
    assertThat(engine.callsFor(name)).isEmpty();
    assertThat(JsonPath.<String>read(body(api.send(get("/api/v1/jobs/" + jobId))), "$.status")).isEqualTo("CANCELLED");
  }

  // --- failures

  @Test
  void engineFailuresReachTheJobClassifiedAndWithoutTheToken() throws Exception {
    String name = uniqueName("rejected");
    engine.script(name, new ScriptedStackEngine.Fail(EngineFailure.CREDENTIALS_REJECTED, "DigitalOcean refused token " + TOKEN));
    String job = api.await(submitCreate(name), "FAILED");
    assertThat(JsonPath.<String>read(job, "$.error.code")).isEqualTo("CREDENTIALS_REJECTED");
    assertThat(JsonPath.<String>read(job, "$.error.message")).doesNotContain(TOKEN).contains("[secret]");
  }

  @Test
  void aJobThatOverrunsItsTimeoutFailsWithTimeout() throws Exception {
    String name = uniqueName("slow");
    String clusterId = clusterIdOf(awaitJobId(submitCreate(name), "SUCCEEDED"));
    CountDownLatch release = new CountDownLatch(1);
    engine.script(name, new ScriptedStackEngine.IgnoreCancel(release));
    String jobId = JsonPath.read(body(api.send(post("/api/v1/database-clusters/" + clusterId + ":refresh"))), "$.job.id");
    String job = api.await(jobId, "FAILED");
    release.countDown();
    assertThat(JsonPath.<String>read(job, "$.error.code")).isEqualTo("TIMEOUT");
  }

  // --- interrupted runs

  @Test
  void aJobFoundRunningIsResumedWithTheEngineToldAndOneInterruptedTooOftenFails() throws Exception {
    String name = uniqueName("orphan");
    String clusterId = clusterIdOf(awaitJobId(submitCreate(name), "SUCCEEDED"));
    String resumable = orphanedRunningJob(clusterId, name, 1);
    api.await(resumable, "SUCCEEDED");
    assertThat(engine.callsFor(name)).filteredOn(c -> c.jobId().toString().equals(resumable))
        .extracting(ScriptedStackEngine.Call::resumed).containsExactly(true);

    String exhausted = orphanedRunningJob(clusterId, name, 3);
    String job = api.await(exhausted, "FAILED");
    assertThat(JsonPath.<String>read(job, "$.error.code")).isEqualTo("INTERRUPTED");
    assertThat(engine.callsFor(name)).noneMatch(c -> c.jobId().toString().equals(exhausted));
  }

  /** A job left RUNNING by a worker that died after {@code attempts} starts, handed to the scheduler again. */
  private String orphanedRunningJob(String clusterId, String name, int attempts) {
    String jobId = UUID.randomUUID().toString();
    String spec = jdbc.sql("select spec_json from jobs where cluster_id = ? and operation = 'UP'").param(clusterId).query(String.class).list().get(0);
    jdbc.sql(
            """
            insert into jobs (id, cluster_id, cluster_name, operation, status, active_cluster_id, requested_by, spec_version,
                              spec_json, warnings_json, attempts, queued_at, started_at)
            values (?, ?, ?, 'REFRESH', 'RUNNING', ?, 'test', 1, ?, '[]', ?, current_timestamp, current_timestamp)
            """)
        .params(jobId, clusterId, name, clusterId, spec, attempts)
        .update();
    scheduler.schedule(stackJobTask.instance(jobId), Instant.now());
    return jobId;
  }

  // --- update

  @Test
  void anUpdateNeedsTheCurrentEtagAndRunsAnUpOfTheNewSpec() throws Exception {
    String name = uniqueName("resize");
    String jobId = awaitJobId(submitCreate(name), "SUCCEEDED");
    String clusterId = clusterIdOf(jobId);
    MvcResult read = api.send(get("/api/v1/database-clusters/" + clusterId));
    String etag = read.getResponse().getHeader("ETag");

    assertThat(api.send(put("/api/v1/database-clusters/" + clusterId), stackInput(name, 3, 200)).getResponse().getStatus()).isEqualTo(428);
    assertThat(api.send(put("/api/v1/database-clusters/" + clusterId).header("If-Match", "\"stale\""), stackInput(name, 3, 200))
        .getResponse().getStatus()).isEqualTo(412);

    MvcResult updated = api.send(put("/api/v1/database-clusters/" + clusterId).header("If-Match", etag), stackInput(name, 3, 200));
    assertThat(updated.getResponse().getStatus()).isEqualTo(202);
    String upJob = api.await(JsonPath.read(body(updated), "$.job.id"), "SUCCEEDED");
    assertThat(JsonPath.<Integer>read(upJob, "$.specVersion")).isEqualTo(2);
    String cluster = body(api.send(get("/api/v1/database-clusters/" + clusterId)));
    assertThat(JsonPath.<Integer>read(cluster, "$.manifest.spec.nodeCount")).isEqualTo(3);
    assertThat(JsonPath.<Integer>read(cluster, "$.specVersion")).isEqualTo(2);
    // The second portal still holds the first ETag: its change cannot overwrite this one.
    assertThat(api.send(put("/api/v1/database-clusters/" + clusterId).header("If-Match", etag), stackInput(name, 2, 200))
        .getResponse().getStatus()).isEqualTo(412);
  }

  @Test
  void anUpdateThatShrinksOrReplacesIsRefusedUnlessAReplacementIsConfirmed() throws Exception {
    String name = uniqueName("shrink");
    String clusterId = clusterIdOf(awaitJobId(submitCreate(name, 2, 100), "SUCCEEDED"));
    String etag = api.send(get("/api/v1/database-clusters/" + clusterId)).getResponse().getHeader("ETag");

    MvcResult shrink = api.send(put("/api/v1/database-clusters/" + clusterId).header("If-Match", etag), stackInput(name, 2, 50));
    assertThat(shrink.getResponse().getStatus()).isEqualTo(422);
    assertThat(JsonPath.<List<String>>read(body(shrink), "$.violations[*].rule")).containsExactly("dbplane.change.storage_shrink");

    DigitalOceanDatabaseCluster.Builder asMysql = Manifests.inProd(name, 2);
    asMysql.getSpecBuilder().setStorageGib(100).setEngine(DigitalOceanDatabaseEngine.mysql).setEngineVersion("8");
    String mysql = stackInput(asMysql.build());
    MvcResult replace = api.send(put("/api/v1/database-clusters/" + clusterId).header("If-Match", etag), mysql);
    assertThat(replace.getResponse().getStatus()).isEqualTo(409);
    assertThat(JsonPath.<String>read(body(replace), "$.type")).endsWith("replacement-not-confirmed");
    assertThat(count("jobs where cluster_id = '" + clusterId + "'")).isEqualTo(1);

    MvcResult confirmed =
        api.send(put("/api/v1/database-clusters/" + clusterId + "?confirmReplacement=true").header("If-Match", etag), mysql);
    assertThat(confirmed.getResponse().getStatus()).isEqualTo(202);
    assertThat(JsonPath.<List<String>>read(body(confirmed), "$.warnings[*].code")).contains("dbplane.replacement_confirmed");
  }

  // --- destroy

  @Test
  void aDestroyNeedsTheNameAndRemovesTheRecordOnlyOnceItSucceeded() throws Exception {
    String name = uniqueName("doomed");
    String clusterId = clusterIdOf(awaitJobId(submitCreate(name), "SUCCEEDED"));
    assertThat(api.send(delete("/api/v1/database-clusters/" + clusterId)).getResponse().getStatus()).isEqualTo(422);
    assertThat(api.send(delete("/api/v1/database-clusters/" + clusterId + "?confirm=wrong")).getResponse().getStatus()).isEqualTo(422);

    engine.script(name, new ScriptedStackEngine.Fail(EngineFailure.PROVIDER_ERROR, "the cluster is locked"));
    MvcResult failing = api.send(delete("/api/v1/database-clusters/" + clusterId + "?confirm=" + name));
    assertThat(failing.getResponse().getStatus()).isEqualTo(202);
    api.await(JsonPath.read(body(failing), "$.job.id"), "FAILED");
    String cluster = body(api.send(get("/api/v1/database-clusters/" + clusterId)));
    assertThat(JsonPath.<String>read(cluster, "$.state")).isEqualTo("READY");

    engine.script(name, new ScriptedStackEngine.Succeed(Duration.ZERO));
    String destroyJob = JsonPath.read(body(api.send(delete("/api/v1/database-clusters/" + clusterId + "?confirm=" + name))), "$.job.id");
    api.await(destroyJob, "SUCCEEDED");
    assertThat(api.send(get("/api/v1/database-clusters/" + clusterId)).getResponse().getStatus()).isEqualTo(404);
    assertThat(api.send(get("/api/v1/jobs/" + destroyJob)).getResponse().getStatus()).isEqualTo(200);
    assertThat(count("resource_credentials where resource_id = '" + clusterId + "'")).isZero();
  }

  // --- preview, refresh

  @Test
  void previewAndRefreshReportChangesWithoutTouchingTheCluster() throws Exception {
    String name = uniqueName("look");
    String clusterId = clusterIdOf(awaitJobId(submitCreate(name), "SUCCEEDED"));
    String preview = api.await(JsonPath.read(body(api.send(post("/api/v1/database-clusters/" + clusterId + ":preview"))), "$.job.id"), "SUCCEEDED");
    assertThat(JsonPath.<Integer>read(preview, "$.changes.update")).isEqualTo(1);
    MvcResult proposed = api.send(post("/api/v1/database-clusters/" + clusterId + ":preview"), stackInput(name, 3, 0));
    String proposedJob = api.await(JsonPath.read(body(proposed), "$.job.id"), "SUCCEEDED");
    assertThat(JsonPath.<String>read(proposedJob, "$.operation")).isEqualTo("PREVIEW");
    String refresh = api.await(JsonPath.read(body(api.send(post("/api/v1/database-clusters/" + clusterId + ":refresh"))), "$.job.id"), "SUCCEEDED");
    assertThat(JsonPath.<Integer>read(refresh, "$.changes.same")).isEqualTo(2);
    String cluster = body(api.send(get("/api/v1/database-clusters/" + clusterId)));
    assertThat(JsonPath.<Integer>read(cluster, "$.specVersion")).isEqualTo(1);
    assertThat(engine.callsFor(name)).extracting(ScriptedStackEngine.Call::operation)
        .containsExactly(Operation.UP, Operation.PREVIEW, Operation.PREVIEW, Operation.REFRESH);
  }

  // --- events

  @Test
  void eventsStreamLiveAndResumeAfterLastEventId() throws Exception {
    String name = uniqueName("stream");
    String jobId = awaitJobId(submitCreate(name), "SUCCEEDED");
    MvcResult stream = api.send(get("/api/v1/jobs/" + jobId + "/events/stream").header("Last-Event-ID", "1"));
    Instant deadline = Instant.now().plus(WAIT);
    while (!stream.getResponse().getContentAsString().contains("succeeded") && Instant.now().isBefore(deadline)) {
      Thread.sleep(50);
    }
    String sse = stream.getResponse().getContentAsString();
    assertThat(sse).doesNotContain("id:1\n").contains("id:2\n").contains("succeeded").doesNotContain(TOKEN);
    assertThat(body(api.send(get("/api/v1/jobs/" + jobId + "/events?after=1&limit=1")))).contains("\"seq\":2").doesNotContain("\"seq\":3");
  }

  // --- idempotency

  @Test
  void anIdempotencyKeyReplaysTheFirstAnswerAndRefusesAnotherRequest() throws Exception {
    String name = uniqueName("once");
    String key = UUID.randomUUID().toString();
    MvcResult first = api.send(post("/api/v1/database-clusters").header("Idempotency-Key", key), stackInput(name, 2, 0));
    MvcResult replay = api.send(post("/api/v1/database-clusters").header("Idempotency-Key", key), stackInput(name, 2, 0));
    assertThat(replay.getResponse().getStatus()).isEqualTo(202);
    assertThat(replay.getResponse().getHeader("Idempotent-Replayed")).isEqualTo("true");
    assertThat(body(replay)).isEqualTo(body(first));
    assertThat(replay.getResponse().getHeader("Location")).isEqualTo(first.getResponse().getHeader("Location"));
    assertThat(count("resources where name = '" + name + "'")).isEqualTo(1);
    MvcResult other = api.send(post("/api/v1/database-clusters").header("Idempotency-Key", key), stackInput(name, 3, 0));
    assertThat(other.getResponse().getStatus()).isEqualTo(422);
    assertThat(JsonPath.<String>read(body(other), "$.type")).endsWith("idempotency-key-reused");
  }

  // --- listings

  @Test
  void listingsArePagedAndFiltered() throws Exception {
    String env = "env" + UUID.randomUUID().toString().substring(0, 6);
    for (int i = 0; i < 3; i++) {
      api.await(submitCreate(uniqueName("list"), env), "SUCCEEDED");
    }
    String page = body(api.send(get("/api/v1/database-clusters?env=" + env + "&engine=postgres&size=2")));
    assertThat(JsonPath.<Integer>read(page, "$.totalItems")).isEqualTo(3);
    assertThat(JsonPath.<Integer>read(page, "$.totalPages")).isEqualTo(2);
    assertThat(JsonPath.<List<Object>>read(page, "$.items")).hasSize(2);
    assertThat(JsonPath.<Integer>read(body(api.send(get("/api/v1/database-clusters?env=" + env + "&engine=mysql"))), "$.totalItems")).isZero();
    String clusterId = JsonPath.read(page, "$.items[0].id");
    String jobs = body(api.send(get("/api/v1/jobs?clusterId=" + clusterId + "&status=SUCCEEDED&operation=UP")));
    assertThat(JsonPath.<Integer>read(jobs, "$.totalItems")).isEqualTo(1);
    assertThat(api.send(get("/api/v1/jobs?size=0")).getResponse().getStatus()).isEqualTo(400);
    assertThat(api.send(get("/api/v1/jobs?status=BOGUS")).getResponse().getStatus()).isEqualTo(400);
  }

  // --- housekeeping

  @Test
  void oldIdempotencyKeysAndEndedDeliveriesAreDroppedByTheCleanups() {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    OffsetDateTime old = OffsetDateTime.now(ZoneOffset.UTC).minusDays(40);
    OffsetDateTime recent = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(5);
    for (Object[] row : new Object[][] {{"old-" + tag, old}, {"recent-" + tag, recent}}) {
      jdbc.sql("insert into idempotency_keys (principal, idempotency_key, request_hash, status, created_at) values ('t', ?, 'h', 202, ?)")
          .params(row[0], row[1]).update();
    }
    for (Object[] row : new Object[][] {{"DELIVERED", old}, {"PENDING", old}, {"FAILED", recent}}) {
      jdbc.sql(
              """
              insert into webhook_deliveries (id, webhook_id, cluster_id, job_id, event_type, payload, status, attempts, created_at)
              values (?, ?, ?, ?, 'job.succeeded', '{}', ?, 1, ?)
              """)
          .params(UUID.randomUUID().toString(), tag, tag, tag, row[0], row[1]).update();
    }
    cleanups.forEach(PeriodicCleanup::run);
    assertThat(jdbc.sql("select idempotency_key from idempotency_keys where idempotency_key like ?").param("%" + tag).query(String.class).list())
        .containsExactly("recent-" + tag);
    assertThat(jdbc.sql("select status from webhook_deliveries where webhook_id = ?").param(tag).query(String.class).list())
        .containsExactlyInAnyOrder("PENDING", "FAILED");
  }

  // --- helpers

  private String submitCreate(String name) throws Exception {
    return submitCreate(name, 2, 0);
  }

  private String submitCreate(String name, int nodes, int storage) throws Exception {
    MvcResult result = api.send(post("/api/v1/database-clusters"), stackInput(name, nodes, storage));
    assertThat(result.getResponse().getStatus()).as(body(result)).isEqualTo(202);
    return JsonPath.read(body(result), "$.job.id");
  }

  private String submitCreate(String name, String env) throws Exception {
    MvcResult result = api.send(post("/api/v1/database-clusters"), stackInput(Manifests.inProd(name, 2, metadata -> metadata.setEnv(env))));
    assertThat(result.getResponse().getStatus()).as(body(result)).isEqualTo(202);
    return JsonPath.read(body(result), "$.job.id");
  }

  static String stackInput(String name, int nodes, int storageGib) {
    DigitalOceanDatabaseCluster.Builder target = Manifests.inProd(name, nodes);
    target.getSpecBuilder().setStorageGib(storageGib);
    return stackInput(target.build());
  }

  private static String stackInput(DigitalOceanDatabaseCluster target) {
    return Manifests.json(Manifests.stackInput(target, TOKEN));
  }

  private String awaitJobId(String jobId, String status) throws Exception {
    api.await(jobId, status);
    return jobId;
  }

  private String clusterIdOf(String jobId) throws Exception {
    return JsonPath.read(body(api.send(get("/api/v1/jobs/" + jobId))), "$.clusterId");
  }

  private long count(String tableAndWhere) {
    return jdbc.sql("select count(*) from " + tableAndWhere).query(Long.class).single();
  }

  private void insertActiveJob(String clusterId) {
    jdbc.sql(
            """
            insert into jobs (id, cluster_id, cluster_name, operation, status, active_cluster_id, requested_by, spec_version,
                              spec_json, warnings_json, attempts, queued_at)
            values (?, ?, 'direct', 'UP', 'QUEUED', ?, 'test', 1, '{}', '[]', 0, current_timestamp)
            """)
        .params(UUID.randomUUID().toString(), clusterId, clusterId)
        .update();
  }

  /** Whether a value appears in any plain (not encrypted) column of the service's tables. */
  private boolean plainColumnsContain(String value) {
    Map<String, Set<String>> textColumns =
        Map.of(
            "resources", Set.of("name", "name_key", "org", "env", "stack_name", "created_by"),
            "resource_outputs", Set.of("output_keys", "secret_keys"),
            "jobs", Set.of("spec_json", "warnings_json", "changes_json", "error_message", "requested_by"),
            "job_events", Set.of("message", "resource"));
    for (Map.Entry<String, Set<String>> table : textColumns.entrySet()) {
      for (String column : table.getValue()) {
        long hits = jdbc.sql("select count(*) from " + table.getKey() + " where " + column + " like ?").param("%" + value + "%").query(Long.class).single();
        if (hits > 0) {
          return true;
        }
      }
    }
    for (String binary : List.of("select manifest from resources", "select ciphertext from resource_outputs", "select ciphertext from resource_credentials")) {
      for (byte[] bytes : jdbc.sql(binary).query((rs, row) -> rs.getBytes(1)).list()) {
        if (new String(bytes, StandardCharsets.ISO_8859_1).contains(value)) {
          return true;
        }
      }
    }
    return false;
  }
}
