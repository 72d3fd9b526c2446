package dev.dbplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import dev.dbplane.support.Manifests;
import dev.dbplane.support.RealEngine;
import dev.dbplane.support.Sandbox;
import dev.dbplane.support.ServiceProcess;
import dev.dbplane.support.TestKeys;
import dev.dbplane.support.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The service stopped with SIGTERM, as an orchestrator stops it, while the real engine creates a
 * cluster: it stops the CLI the way a cancel does, hands the job back to the queue, closes its
 * database last and exits within the stop grace; the next start on the same data finishes the job
 * with exactly one cluster and no lock left. On the embedded default (H2) and on PostgreSQL.
 */
@ExtendWith(RealEngine.class)
class RealEngineShutdownTests {

  private static final Duration STOP_GRACE = Duration.ofSeconds(20);

  @Test
  void onTheEmbeddedDefaultASigtermHandsTheRunningJobBackAndTheNextStartFinishesIt() throws Exception {
    Path dataDir = RealEngine.dataDir("real-shutdown-h2");
    Map<String, String> properties = new HashMap<>(TestKeys.PROPERTIES);
    // No datasource: the service's own H2 default in the data directory, as it ships.
    properties.put("dbplane.data-dir", dataDir.toString());
    String h2 = "jdbc:h2:file:" + dataDir.resolve("db/dbplane") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
    handsBackAndResumes(dataDir, properties, new TestPostgres.Database(h2, "dbplane", ""));
  }

  @Test
  void onPostgresASigtermHandsTheRunningJobBackAndTheNextStartFinishesIt() throws Exception {
    Path dataDir = RealEngine.dataDir("real-shutdown-pg");
    TestPostgres.Database database = TestPostgres.newDatabase();
    handsBackAndResumes(dataDir, ServiceProcess.on(database, dataDir, Map.of()), database);
  }

  private static void handsBackAndResumes(Path dataDir, Map<String, String> onDatabase, TestPostgres.Database database) throws Exception {
    Sandbox sandbox = Sandbox.require();
    sandbox.settings("{\"create_delay\": \"30s\"}");
    Map<String, String> properties = new HashMap<>(onDatabase);
    properties.putAll(sandbox.serviceProperties());
    properties.put("dbplane.jobs.polling-interval", "200ms");
    properties.put("dbplane.jobs.stop-grace", STOP_GRACE.toSeconds() + "s");
    Path firstLog = dataDir.resolve("first.log");
    Path secondLog = dataDir.resolve("second.log");
    String name = Manifests.uniqueName("sigterm");

    String jobId;
    try (ServiceProcess first = ServiceProcess.startReal(properties, firstLog)) {
      jobId = RealEngineCrashTests.createUntilAtDigitalOcean(first, sandbox, name);

      Instant sent = Instant.now();
      first.stop();
      Duration exit = Duration.between(sent, Instant.now());
      assertThat(ProcessHandle.of(first.pid()).map(ProcessHandle::isAlive).orElse(false)).as("the service exited").isFalse();
      assertThat(exit).as("time from SIGTERM to exit").isLessThan(STOP_GRACE);
    }
    String firstRun = Files.readString(firstLog);
    assertThat(firstRun).as(firstLog.toString())
        .contains("handed back to the queue")
        .doesNotContain("failed unexpectedly", "already closed", "could not be handed back");
    assertThat(sandbox.pulumiProcesses()).as("the CLI stopped before the service exited").isEmpty();
    assertThat(statusOf(database, jobId)).as("the job is queued again").isEqualTo("QUEUED");

    String events = RealEngineCrashTests.resumeToOneCluster(properties, secondLog, sandbox, dataDir, jobId, name);
    assertThat(JsonPath.<List<String>>read(events, "$[*].type")).containsSubsequence("started", "handed-back", "resumed", "succeeded");
    assertThat(Files.readString(secondLog)).doesNotContain("failed unexpectedly", "already closed");
    RealEngine.assertNoPulumiProcessLeft();
  }

  private static String statusOf(TestPostgres.Database database, String jobId) throws Exception {
    try (Connection db = DriverManager.getConnection(database.url(), database.user(), database.password());
        PreparedStatement query = db.prepareStatement("select status from jobs where id = ?")) {
      query.setString(1, jobId);
      try (ResultSet row = query.executeQuery()) {
        assertThat(row.next()).as("job " + jobId).isTrue();
        return row.getString(1);
      }
    }
  }
}
