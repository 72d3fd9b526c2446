package dev.dbplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import dev.dbplane.support.ServiceProcess;
import dev.dbplane.support.TestPostgres;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Kills the service while its engine runs a job, starts it again on the same database, and checks
 * that nothing was lost: the job is resumed (the engine told so) and ends, and the cluster takes new
 * jobs.
 */
class CrashRecoveryTests {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @Test
  void aJobRunningWhenTheServiceIsKilledIsResumedAfterARestartAndNothingIsLost() throws Exception {
    TestPostgres.Database database = TestPostgres.newDatabase();
    Path dataDir = Files.createTempDirectory("dbplane-crash");
    Path log = dataDir.resolve("service.log");
    Map<String, String> properties =
        ServiceProcess.on(database, dataDir, Map.of(
            "dbplane.jobs.polling-interval", "200ms",
            "dbplane.jobs.heartbeat-interval", "500ms",
            "dbplane.jobs.missed-heartbeats", "4"));
    String name = "crash-" + UUID.randomUUID().toString().substring(0, 8);

    String jobId;
    String clusterId;
    try (ServiceProcess first = ServiceProcess.start(properties, Map.of("dbplane.test.block", name), log)) {
      HttpResponse<String> created =
          first.send("POST", "/api/v1/database-clusters", "application/json", ServiceContract.stackInput(name, 2, 0));
      assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
      jobId = JsonPath.read(created.body(), "$.job.id");
      clusterId = JsonPath.read(created.body(), "$.clusterId");
      first.api().await(jobId, "RUNNING", WAIT);
      first.kill();
    }

    try (ServiceProcess second = ServiceProcess.start(properties, Map.of(), log)) {
      String job = second.api().await(jobId, "SUCCEEDED", WAIT);
      assertThat(JsonPath.<Integer>read(job, "$.attempts")).isEqualTo(2);
      String events = second.get("/api/v1/jobs/" + jobId + "/events").body();
      assertThat(JsonPath.<List<String>>read(events, "$[*].type")).containsSubsequence("started", "resumed", "succeeded");
      String cluster = second.get("/api/v1/database-clusters/" + clusterId).body();
      assertThat(JsonPath.<String>read(cluster, "$.state")).isEqualTo("READY");

      HttpResponse<String> refresh = second.send("POST", "/api/v1/database-clusters/" + clusterId + ":refresh", null, null);
      assertThat(refresh.statusCode()).as(refresh.body()).isEqualTo(202);
      second.api().await(JsonPath.read(refresh.body(), "$.job.id"), "SUCCEEDED", WAIT);
    }
  }
}
