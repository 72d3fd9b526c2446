package dev.dbplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.jayway.jsonpath.JsonPath;
import dev.dbplane.support.Manifests;
import dev.dbplane.support.RealEngine;
import dev.dbplane.support.Sandbox;
import dev.dbplane.support.ServiceProcess;
import dev.dbplane.support.TestPostgres;
import dev.dbplane.support.TestS3;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Replicas with the real engine, sharing only what production replicas share: one PostgreSQL, one
 * state bucket, the keyset and the state passphrase; each has its own data and work directories. A
 * replica killed during a create has the job resumed by another, a replica stopped with SIGTERM hands
 * its job to another, which finishes it, and jobs on different clusters spread over the replicas:
 * each time exactly one cluster at DigitalOcean and no lock left in the bucket.
 */
@ExtendWith(RealEngine.class)
class RealEngineReplicaTests {

  private static final Duration WAIT = Duration.ofMinutes(3);
  private static final Pattern INSTANCE = Pattern.compile("job scheduler (\\S+): ");

  private final List<Replica> replicas = new ArrayList<>();
  private Sandbox sandbox;
  private TestS3 s3;
  private String bucket;
  private Path root;
  private Map<String, String> shared;

  /** A running replica, its log, and the instance name its job events carry. */
  private record Replica(ServiceProcess process, Path log, String instance) {}

  @BeforeAll
  static void keysetsCanBeMade() throws Exception {
    AeadConfig.register();
  }

  @BeforeEach
  void oneDatabaseOneBucket() throws Exception {
    sandbox = Sandbox.require();
    s3 = TestS3.require();
    bucket = s3.newBucket();
    root = RealEngine.dataDir("real-replicas");
    shared = new HashMap<>();
    TestPostgres.Database database = TestPostgres.newDatabase();
    shared.put("spring.datasource.url", database.url());
    shared.put("spring.datasource.username", database.user());
    shared.put("spring.datasource.password", database.password());
    shared.put("dbplane.crypto.keyset",
        TinkJsonProtoKeysetFormat.serializeKeyset(KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM), InsecureSecretKeyAccess.get()));
    shared.put("dbplane.pulumi.passphrase", "replicas-share-this-" + UUID.randomUUID());
    shared.put("dbplane.jobs.workers", "1");
    shared.put("dbplane.jobs.polling-interval", "200ms");
    shared.put("dbplane.jobs.heartbeat-interval", "500ms");
    shared.put("dbplane.jobs.missed-heartbeats", "4");
    shared.put("dbplane.jobs.stop-grace", "20s");
    shared.putAll(sandbox.serviceProperties());
    shared.putAll(s3.serviceProperties(bucket));
  }

  @AfterEach
  void stopReplicas() throws Exception {
    for (Replica replica : replicas) {
      replica.process().close();
    }
  }

  @Test
  void aReplicaKilledDuringACreateHasTheJobResumedByAnotherWithExactlyOneCluster() throws Exception {
    Midway create = createMidway("10s", "killed");
    create.running().process().kill();

    String events = succeededWithOneCluster(create.other(), create.jobId(), create.name(), 2);
    assertThat(events).contains("resumed on " + create.other().instance(), "had reached DigitalOcean");
    // Where no container takes its processes with it, the killed replica's CLI and plugin live on; as an
    // orchestrator would, it starts again on its data, and its start-up stops what it left running.
    start(create.running().log().getFileName().toString().replace(".log", ""));
    RealEngine.assertNoPulumiProcessLeft();
  }

  @Test
  void aReplicaStoppedDuringACreateHandsTheJobToAnotherWhichFinishesIt() throws Exception {
    Midway create = createMidway("15s", "handed");
    create.running().process().stop();
    assertThat(Files.readString(create.running().log())).contains("handed back to the queue").doesNotContain("could not be handed back");

    String events = succeededWithOneCluster(create.other(), create.jobId(), create.name(), 2);
    assertThat(JsonPath.<List<String>>read(events, "$[*].type")).containsSubsequence("started", "handed-back", "resumed", "succeeded");
    assertThat(events).contains("resumed on " + create.other().instance());
  }

  @Test
  void concurrentJobsOnDifferentClustersSpreadOverTheReplicas() throws Exception {
    sandbox.settings("{\"create_delay\": \"3s\"}");
    Replica a = start("a");
    Replica b = start("b");
    Map<String, String> jobs = new HashMap<>();
    for (int i = 0; i < 4; i++) {
      String name = Manifests.uniqueName("spread");
      HttpResponse<String> created = (i % 2 == 0 ? a : b).process().send("POST", "/api/v1/database-clusters", "application/json",
          Sandbox.stackInput(name, 1));
      assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
      jobs.put(JsonPath.read(created.body(), "$.job.id"), name);
    }
    Set<String> ranOn = new HashSet<>();
    for (Map.Entry<String, String> job : jobs.entrySet()) {
      String events = succeededWithOneCluster(a, job.getKey(), job.getValue(), 1);
      ranOn.add(startedOn(events));
    }
    // One worker each: four jobs at once cannot all be one replica's.
    assertThat(ranOn).containsExactlyInAnyOrder(a.instance(), b.instance());
  }

  /** A create whose run is under way on one replica, the other idle beside it. */
  private record Midway(String jobId, String name, Replica running, Replica other) {}

  /**
   * Starts two replicas and creates a cluster that DigitalOcean takes this long to make; returns once
   * DigitalOcean has it (the CLI is mid-create), with the runs after it made quick.
   */
  private Midway createMidway(String createDelay, String prefix) throws Exception {
    sandbox.settings("{\"create_delay\": \"" + createDelay + "\"}");
    Replica a = start("a");
    Replica b = start("b");
    String name = Manifests.uniqueName(prefix);
    String jobId = RealEngineCrashTests.createUntilAtDigitalOcean(b.process(), sandbox, name);
    Replica running = runnerOf(jobId, a, b);
    sandbox.settings("{\"create_delay\": \"2s\"}");
    return new Midway(jobId, name, running, running == a ? b : a);
  }

  private Replica start(String name) throws Exception {
    Path dataDir = Files.createDirectories(root.resolve(name));
    Path log = root.resolve(name + ".log");
    Map<String, String> properties = new HashMap<>(shared);
    properties.put("dbplane.data-dir", dataDir.toString());
    ServiceProcess process = ServiceProcess.startReal(properties, log);
    Matcher instance = INSTANCE.matcher(Files.readString(log));
    assertThat(instance.find()).as("the instance name in " + log).isTrue();
    Replica replica = new Replica(process, log, instance.group(1));
    replicas.add(replica);
    return replica;
  }

  /** The replica whose instance started the job, by its "started on" event. */
  private static Replica runnerOf(String jobId, Replica... candidates) throws Exception {
    String instance = startedOn(candidates[0].process().get("/api/v1/jobs/" + jobId + "/events?limit=200").body());
    for (Replica candidate : candidates) {
      if (candidate.instance().equals(instance)) {
        return candidate;
      }
    }
    throw new AssertionError("no replica is " + instance);
  }

  private static String startedOn(String events) {
    List<String> started = JsonPath.read(events, "$[?(@.type == 'started')].message");
    assertThat(started).as(events).hasSize(1);
    return started.get(0).substring("started on ".length());
  }

  /** Waits for the job to succeed on this many attempts with one cluster of the name and no lock left; its events. */
  private String succeededWithOneCluster(Replica via, String jobId, String name, int attempts) throws Exception {
    String job = via.process().api().awaitEnd(jobId, WAIT);
    String events = via.process().get("/api/v1/jobs/" + jobId + "/events?limit=200").body();
    assertThat(JsonPath.<String>read(job, "$.status")).as(job + events).isEqualTo("SUCCEEDED");
    assertThat(JsonPath.<Integer>read(job, "$.attempts")).as(job).isEqualTo(attempts);
    assertThat(sandbox.clusterNames().stream().filter(name::equals)).as("exactly one cluster at DigitalOcean").hasSize(1);
    assertThat(locks()).as("no lock left in the bucket").isEmpty();
    assertThat(s3.keys(bucket, ".pulumi/stacks/dbplane/")).contains(".pulumi/stacks/dbplane/prod." + name + ".json");
    return events;
  }

  private List<String> locks() throws IOException, InterruptedException {
    Instant deadline = Instant.now().plusSeconds(10);
    List<String> locks = s3.keys(bucket, ".pulumi/locks/");
    while (!locks.isEmpty() && Instant.now().isBefore(deadline)) {
      Thread.sleep(200); // a lock is released just after the job's end is recorded
      locks = s3.keys(bucket, ".pulumi/locks/");
    }
    return locks;
  }
}
