package dev.dbplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import dev.dbplane.support.FilesOnDisk;
import dev.dbplane.support.Manifests;
import dev.dbplane.support.RealEngine;
import dev.dbplane.support.Sandbox;
import dev.dbplane.support.ServiceProcess;
import dev.dbplane.support.TestKeys;
import dev.dbplane.support.TestPostgres;
import dev.dbplane.support.TestS3;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Pulumi state in an S3-compatible bucket, as production keeps it in S3 or Spaces: the real CLI
 * creates, updates, refreshes and destroys a cluster through the REST API with its state in the
 * bucket (the README's {@code s3://...} backend URL) and none on the service's disk, its secrets
 * under the passphrase provider; the bucket's credentials reach the CLI and nowhere else.
 */
@ExtendWith(RealEngine.class)
class RealEngineS3BackendTests {

  private static final Duration WAIT = Duration.ofMinutes(3);

  @Test
  void aClusterLivesItsWholeLifeWithItsStateInTheBucket() throws Exception {
    Instant started = Instant.now();
    Sandbox sandbox = Sandbox.require();
    TestS3 s3 = TestS3.require();
    String bucket = s3.newBucket();
    Path dataDir = RealEngine.dataDir("real-s3");
    Path log = dataDir.resolve("service.log");
    TestPostgres.Database database = TestPostgres.newDatabase();
    Map<String, String> properties = RealEngine.serviceOn(database, dataDir, Map.of("dbplane.jobs.polling-interval", "200ms"));
    properties.putAll(s3.serviceProperties(bucket));
    String name = Manifests.uniqueName("s3");
    String stateKey = ".pulumi/stacks/dbplane/prod." + name + ".json";
    List<String> answers = new ArrayList<>();

    try (ServiceProcess service = ServiceProcess.startReal(properties, log)) {
      HttpResponse<String> health = service.get("/actuator/health/readiness");
      answers.add(health.body());
      assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
      assertThat(JsonPath.<String>read(health.body(), "$.components.pulumi.status")).isEqualTo("UP");

      HttpResponse<String> created = service.send("POST", "/api/v1/database-clusters", "application/json", Sandbox.stackInput(name, 1));
      assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
      String clusterId = JsonPath.read(created.body(), "$.clusterId");
      String up = ended(service, JsonPath.read(created.body(), "$.job.id"), answers);
      assertThat(JsonPath.<Integer>read(up, "$.changes.create")).isEqualTo(3);

      // The state is the bucket's: the stack's checkpoint names the cluster DigitalOcean made, its secrets encrypted.
      assertThat(s3.keys(bucket, ".pulumi/")).contains(".pulumi/meta.yaml", stateKey);
      String state = s3.object(bucket, stateKey);
      String atDigitalOcean = sandbox.databases();
      String doId = JsonPath.<List<String>>read(atDigitalOcean, "$[?(@.name == '" + name + "')].id").get(0);
      String password = JsonPath.<List<String>>read(atDigitalOcean, "$[?(@.name == '" + name + "')].connection.password").get(0);
      assertThat(state).contains(doId, "\"secrets_providers\"").doesNotContain(password, Sandbox.TOKEN);
      assertThat(dataDir.resolve("pulumi-state")).as("no state on the service's disk").doesNotExist();

      String etag = service.get("/api/v1/database-clusters/" + clusterId).headers().firstValue("ETag").orElseThrow();
      HttpResponse<String> resized = service.api().sendWithIfMatch("PUT", "/api/v1/database-clusters/" + clusterId, Sandbox.stackInput(name, 2), etag);
      assertThat(resized.statusCode()).as(resized.body()).isEqualTo(202);
      ended(service, JsonPath.read(resized.body(), "$.job.id"), answers);
      assertThat(JsonPath.<List<Integer>>read(sandbox.databases(), "$[?(@.name == '" + name + "')].num_nodes")).containsExactly(2);

      sandbox.changeBehindTheServicesBack(doId, "{\"size\": \"db-s-4vcpu-8gb\"}");
      HttpResponse<String> refreshing = service.send("POST", "/api/v1/database-clusters/" + clusterId + ":refresh", null, null);
      String refresh = ended(service, JsonPath.read(refreshing.body(), "$.job.id"), answers);
      assertThat(JsonPath.<Integer>read(refresh, "$.changes.update")).as(refresh).isEqualTo(1);
      assertThat(s3.object(bucket, stateKey)).contains("db-s-4vcpu-8gb");

      HttpResponse<String> destroying = service.send("DELETE", "/api/v1/database-clusters/" + clusterId + "?confirm=" + name, null, null);
      ended(service, JsonPath.read(destroying.body(), "$.job.id"), answers);
      assertThat(sandbox.clusterNames()).doesNotContain(name);
      assertThat(s3.keys(bucket, ".pulumi/stacks/")).as("the stack is removed from the bucket").doesNotContain(stateKey);
      assertThat(s3.keys(bucket, ".pulumi/locks/")).as("no lock left").isEmpty();
      assertThat(dataDir.resolve("pulumi-state")).doesNotExist();

      answers.add(service.sendAs(TestKeys.ADMIN, "GET", "/actuator/health").body());
      service.stop();
    }
    // The bucket's secret key and the DigitalOcean token: in no log line, answer, event or file.
    List<String> markers = List.of(s3.secretKey(), Sandbox.TOKEN);
    for (String marker : markers) {
      assertThat(Files.readString(log)).as("the service's log").doesNotContain(marker);
      assertThat(String.join("\n", answers)).as("the service's answers and events").doesNotContain(marker);
    }
    assertThat(FilesOnDisk.holding(markers, dataDir, Instant.EPOCH)).as("files under the data directory").isEmpty();
    assertThat(FilesOnDisk.holding(markers, Path.of(System.getProperty("java.io.tmpdir")), started)).as("files under the temp directory").isEmpty();
    RealEngine.assertNoPulumiProcessLeft();
  }

  /** Waits for the job's end, keeps the job and its events among the answers, and asserts it succeeded. */
  private static String ended(ServiceProcess service, String jobId, List<String> answers) throws Exception {
    String job = service.api().awaitEnd(jobId, WAIT);
    String events = service.get("/api/v1/jobs/" + jobId + "/events?limit=200").body();
    answers.add(job);
    answers.add(events);
    assertThat(JsonPath.<List<String>>read(events, "$[*].type")).as(events).contains("succeeded");
    assertThat(JsonPath.<String>read(job, "$.status")).as(job + events).isEqualTo("SUCCEEDED");
    return job;
  }
}
