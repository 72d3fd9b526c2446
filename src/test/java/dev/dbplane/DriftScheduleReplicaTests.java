package dev.dbplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import dev.dbplane.support.ServiceProcess;
import dev.dbplane.support.TestPostgres;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A drift schedule on replicas of the service sharing one PostgreSQL: each time it is due it queues
 * exactly one check, whichever replica sweeps, and it goes on when the replica that swept is killed
 * with {@code kill -9} and the other is stopped: what is scheduled is in the database, not in a
 * process.
 */
class DriftScheduleReplicaTests {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Duration EVERY = Duration.ofSeconds(2);
  /** Two checks of one due time would be queued within one sweep of each other; due times are EVERY apart. */
  private static final Duration LEAST_APART = EVERY.minusMillis(100);

  @Test
  void aScheduleQueuesOneCheckEachTimeItIsDueAcrossReplicasAndOutlivesThem() throws Exception {
    TestPostgres.Database database = TestPostgres.newDatabase();
    Path dataDir = Files.createTempDirectory("dbplane-drift-replicas");
    Map<String, String> properties = ServiceProcess.on(database, dataDir, Map.of(
        "dbplane.jobs.polling-interval", "200ms", "dbplane.jobs.heartbeat-interval", "500ms", "dbplane.jobs.missed-heartbeats", "4",
        "dbplane.drift.sweep-interval", "500ms", "dbplane.drift.minimum-every", "1s"));
    Path log = dataDir.resolve("replicas.log");
    String clusterId;
    Instant restarted;
    try (ServiceProcess first = ServiceProcess.start(properties, Map.of(), log);
        ServiceProcess second = ServiceProcess.start(properties, Map.of(), log)) {
      String name = "drifting-" + UUID.randomUUID().toString().substring(0, 8);
      HttpResponse<String> created = first.send("POST", "/api/v1/database-clusters", "application/json", ServiceContract.stackInput(name, 2, 0));
      assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
      clusterId = JsonPath.read(created.body(), "$.clusterId");
      assertThat(JsonPath.<String>read(first.api().awaitEnd(JsonPath.read(created.body(), "$.job.id"), WAIT), "$.status")).isEqualTo("SUCCEEDED");
      HttpResponse<String> scheduled = second.send("PUT", "/api/v1/database-clusters/" + clusterId + "/drift-schedule", "application/json",
          "{\"every\": \"" + EVERY + "\"}");
      assertThat(scheduled.statusCode()).as(scheduled.body()).isEqualTo(200);

      Thread.sleep(7_000);
      first.kill();
      try (ServiceProcess third = ServiceProcess.start(properties, Map.of(), log)) {
        second.stop();
        restarted = Instant.now();
        Thread.sleep(7_000);

        List<String> checks = driftChecks(third, clusterId);
        List<Instant> queued = checks.stream().map(job -> Instant.parse(JsonPath.read(job, "$.queuedAt"))).sorted(Comparator.naturalOrder()).toList();
        assertThat(queued).as("checks every %s for 14 s", EVERY).hasSizeGreaterThanOrEqualTo(5);
        for (int i = 1; i < queued.size(); i++) {
          assertThat(Duration.between(queued.get(i - 1), queued.get(i))).as("one check per due time: " + queued).isGreaterThanOrEqualTo(LEAST_APART);
        }
        assertThat(queued).as("checked after the replicas that swept are gone").anyMatch(at -> at.isAfter(restarted.plusSeconds(1)));
        for (String check : checks) {
          assertThat(JsonPath.<String>read(check, "$.requestedBy")).isEqualTo("drift-schedule");
        }
        for (String check : checks) {
          assertThat(JsonPath.<String>read(third.api().awaitEnd(JsonPath.read(check, "$.id"), WAIT), "$.status")).isEqualTo("SUCCEEDED");
        }
      }
    }
  }

  private static List<String> driftChecks(ServiceProcess service, String clusterId) throws Exception {
    String page = service.get("/api/v1/jobs?clusterId=" + clusterId + "&operation=DRIFT_CHECK&size=100").body();
    List<Map<String, Object>> items = JsonPath.read(page, "$.items");
    List<String> jobs = new ArrayList<>();
    for (Map<String, Object> item : items) {
      jobs.add(JsonPath.parse(item).jsonString());
    }
    return jobs;
  }
}
