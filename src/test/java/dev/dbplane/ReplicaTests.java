package dev.dbplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import dev.dbplane.support.ServiceProcess;
import dev.dbplane.support.TestPostgres;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Two replicas of the service on one PostgreSQL: jobs submitted through both are each run exactly
 * once, and both replicas take part.
 */
class ReplicaTests {

  private static final int JOBS = 24;
  private static final Duration WAIT = Duration.ofSeconds(90);

  @Test
  void twoReplicasOnOneDatabaseRunEachJobExactlyOnce() throws Exception {
    TestPostgres.Database database = TestPostgres.newDatabase();
    Path dataDir = Files.createTempDirectory("dbplane-replicas");
    Map<String, String> properties =
        ServiceProcess.on(database, dataDir, Map.of("dbplane.jobs.polling-interval", "200ms", "dbplane.jobs.workers", "2"));
    Map<String, String> slowRuns = Map.of("dbplane.test.run-time", "PT0.3S");
    Path log = dataDir.resolve("replicas.log");
    // The first replica creates the schema; the second starts once it is there.
    try (ServiceProcess a = ServiceProcess.start(properties, slowRuns, log);
        ServiceProcess b = ServiceProcess.start(properties, slowRuns, log)) {
      List<String> jobIds = new ArrayList<>();
      for (int i = 0; i < JOBS; i++) {
        ServiceProcess via = i % 2 == 0 ? a : b;
        String name = "replica-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created =
            via.send("POST", "/api/v1/database-clusters", "application/json", ServiceContract.stackInput(name, 2, 0));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        jobIds.add(JsonPath.read(created.body(), "$.job.id"));
      }
      Set<String> workers = new HashSet<>();
      for (String jobId : jobIds) {
        String job = a.api().awaitEnd(jobId, WAIT);
        assertThat(JsonPath.<String>read(job, "$.status")).isEqualTo("SUCCEEDED");
        assertThat(JsonPath.<Integer>read(job, "$.attempts")).isEqualTo(1);
        List<String> starts = JsonPath.read(b.get("/api/v1/jobs/" + jobId + "/events").body(), "$[?(@.type == 'started')].message");
        assertThat(starts).hasSize(1);
        workers.add(starts.get(0));
      }
      assertThat(workers).as("both replicas ran jobs").hasSizeGreaterThan(1);
    }
  }

  @Test
  void replicasThatAreKilledOrStoppedMidJobLoseNoJobAndRunNoneTwiceAtOnce() throws Exception {
    TestPostgres.Database database = TestPostgres.newDatabase();
    Path dataDir = Files.createTempDirectory("dbplane-scaleout");
    Map<String, String> properties =
        ServiceProcess.on(database, dataDir, Map.of("dbplane.jobs.polling-interval", "200ms", "dbplane.jobs.workers", "2",
            "dbplane.jobs.heartbeat-interval", "500ms", "dbplane.jobs.missed-heartbeats", "4"));
    Map<String, String> slowRuns = Map.of("dbplane.test.run-time", "PT3S");
    Path log = dataDir.resolve("replicas.log");
    try (ServiceProcess survivor = ServiceProcess.start(properties, slowRuns, log)) {
      List<String> jobIds = new ArrayList<>();
      try (ServiceProcess crashing = ServiceProcess.start(properties, slowRuns, log);
          // Its runs outlast its shutdown, so it must hand its jobs back rather than finish them.
          ServiceProcess stopping = ServiceProcess.start(properties, Map.of("dbplane.test.run-time", "PT60S"), log)) {
        ServiceProcess[] via = {survivor, crashing, stopping};
        for (int i = 0; i < 12; i++) {
          String name = "scale-" + UUID.randomUUID().toString().substring(0, 8);
          HttpResponse<String> created = via[i % 3].send("POST", "/api/v1/database-clusters", "application/json", ServiceContract.stackInput(name, 2, 0));
          assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
          jobIds.add(JsonPath.read(created.body(), "$.job.id"));
        }
        Thread.sleep(1500);
        crashing.kill();
        stopping.stop();
      }
      int interrupted = 0;
      int handedBack = 0;
      for (String jobId : jobIds) {
        String job = survivor.api().awaitEnd(jobId, WAIT);
        assertThat(JsonPath.<String>read(job, "$.status")).as(job).isEqualTo("SUCCEEDED");
        List<String> types = JsonPath.read(survivor.get("/api/v1/jobs/" + jobId + "/events").body(), "$[*].type");
        assertThat(types.stream().filter(t -> t.equals("started"))).hasSize(1);
        assertThat(types.stream().filter(t -> t.equals("succeeded"))).hasSize(1);
        // A run that was interrupted is followed by exactly one resumed run, never by two at once.
        assertThat(types.stream().filter(t -> t.equals("resumed")).count()).isEqualTo(JsonPath.<Integer>read(job, "$.attempts") - 1L);
        if (types.contains("resumed")) {
          interrupted++;
        }
        if (types.contains("handed-back")) {
          handedBack++;
        }
      }
      assertThat(interrupted).as("jobs of the killed and the stopped replica were taken over").isPositive();
      assertThat(handedBack).as("the stopped replica handed its running jobs back").isPositive();
    }
  }
}
