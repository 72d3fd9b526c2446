package dev.dbplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import dev.dbplane.support.FilesOnDisk;
import dev.dbplane.support.Manifests;
import dev.dbplane.support.RealEngine;
import dev.dbplane.support.Sandbox;
import dev.dbplane.support.ServiceProcess;
import dev.dbplane.support.TestPostgres;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The service killed with SIGKILL while the real engine creates a cluster: the next start stops
 * the CLI the dead service left running, resumes the job, takes the cluster that DigitalOcean
 * already accepted into the stack, and ends with exactly one cluster, no lock and no process left.
 */
@ExtendWith(RealEngine.class)
class RealEngineCrashTests {

  private static final Duration WAIT = Duration.ofMinutes(3);

  @Test
  void aServiceKilledDuringACreateResumesItAndMakesExactlyOneCluster() throws Exception {
    Instant started = Instant.now();
    Sandbox sandbox = Sandbox.require();
    sandbox.settings("{\"create_delay\": \"20s\"}");
    Path dataDir = RealEngine.dataDir("real-crash");
    Path log = dataDir.resolve("service.log");
    Map<String, String> properties = RealEngine.serviceOn(TestPostgres.newDatabase(), dataDir, Map.of(
        "dbplane.jobs.polling-interval", "200ms",
        "dbplane.jobs.heartbeat-interval", "500ms",
        "dbplane.jobs.missed-heartbeats", "4"));
    String name = Manifests.uniqueName("crash");

    String jobId;
    try (ServiceProcess first = ServiceProcess.startReal(properties, log)) {
      jobId = createUntilAtDigitalOcean(first, sandbox, name);
      first.kill();
    }
    // Killed mid-run, nothing it leaves on disk holds the token: the event log is a pipe in a
    // private directory, and the CLI was handed the token only through the program.
    assertNoFileHoldsTheToken(dataDir, Instant.EPOCH);
    assertNoFileHoldsTheToken(Path.of(System.getProperty("java.io.tmpdir")), started);
    String events = resumeToOneCluster(properties, log, sandbox, dataDir, jobId, name);
    assertThat(JsonPath.<List<String>>read(events, "$[*].message")).anySatisfy(m -> assertThat(m).contains("had reached DigitalOcean"));
    RealEngine.assertNoPulumiProcessLeft();
    assertNoFileHoldsTheToken(dataDir, Instant.EPOCH);
  }

  private static void assertNoFileHoldsTheToken(Path root, Instant since) throws Exception {
    assertThat(FilesOnDisk.holding(List.of(Sandbox.TOKEN), root, since)).as("files under " + root).isEmpty();
  }

  /** Submits the create of a cluster and waits until DigitalOcean has it (the CLI is mid-create); the job's id. */
  static String createUntilAtDigitalOcean(ServiceProcess service, Sandbox sandbox, String name) throws Exception {
    HttpResponse<String> created = service.send("POST", "/api/v1/database-clusters", "application/json", Sandbox.stackInput(name, 1));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
    sandbox.awaitCluster(name, WAIT);
    return JsonPath.read(created.body(), "$.job.id");
  }

  /**
   * Starts the service again on the same data, waits until it has finished the interrupted create
   * on its second attempt with exactly one cluster at DigitalOcean and no lock left, and stops it.
   *
   * @return the job's events
   */
  static String resumeToOneCluster(Map<String, String> properties, Path log, Sandbox sandbox, Path dataDir, String jobId, String name)
      throws Exception {
    sandbox.settings("{\"create_delay\": \"2s\"}");
    try (ServiceProcess second = ServiceProcess.startReal(properties, log)) {
      String job = second.api().awaitEnd(jobId, WAIT);
      String events = second.get("/api/v1/jobs/" + jobId + "/events?limit=200").body();
      assertThat(JsonPath.<String>read(job, "$.status")).as(job + events).isEqualTo("SUCCEEDED");
      assertThat(JsonPath.<Integer>read(job, "$.attempts")).isEqualTo(2);
      assertThat(sandbox.clusterNames().stream().filter(name::equals)).as("exactly one cluster at DigitalOcean").hasSize(1);
      assertThat(RealEngine.locks(dataDir)).as("no lock left").isEmpty();
      second.stop();
      return events;
    }
  }
}
