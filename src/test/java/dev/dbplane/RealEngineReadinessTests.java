package dev.dbplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import dev.dbplane.support.FreePorts;
import dev.dbplane.support.Manifests;
import dev.dbplane.support.RealEngine;
import dev.dbplane.support.Sandbox;
import dev.dbplane.support.ServiceProcess;
import dev.dbplane.support.TestKeys;
import dev.dbplane.support.TestPostgres;
import dev.dbplane.support.TestS3;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A replica is ready only when it can use the shared state: reach the backend and read the secrets
 * in it. When it cannot, readiness is down and says why to everyone, in words without URLs, paths or
 * credentials; a caller with a key also sees what the CLI said, still without credentials.
 */
@ExtendWith(RealEngine.class)
class RealEngineReadinessTests {

  private static final Duration WAIT = Duration.ofMinutes(3);

  @Test
  void aReplicaThatCannotReachTheStateBackendIsNotReadyAndSaysWhy() throws Exception {
    TestS3 s3 = TestS3.require();
    String bucket = s3.newBucket();
    // Nothing listens there: no process the tests start, nor a port-0 bind, is given it.
    int closed = FreePorts.take();
    Map<String, String> properties = properties("unreachable", s3, bucket, "a-passphrase-" + UUID.randomUUID());
    String unreachable = "s3://" + bucket + "?endpoint=127.0.0.1:" + closed + "&s3ForcePathStyle=true&region=us-east-1&disableSSL=true";
    properties.put("dbplane.pulumi.backend-url", unreachable);

    try (ServiceProcess service = ServiceProcess.startRealUnready(properties, logOf(properties))) {
      HttpResponse<String> anyone = service.sendAs("", "GET", "/actuator/health/readiness");
      assertThat(anyone.statusCode()).as(anyone.body()).isEqualTo(503);
      assertThat(JsonPath.<String>read(anyone.body(), "$.components.pulumi.status")).isEqualTo("DOWN");
      assertThat(JsonPath.<String>read(anyone.body(), "$.components.pulumi.description"))
          .startsWith("sandbox; the Pulumi state backend cannot be reached: jobs fail until it can");
      assertThat(anyone.body()).doesNotContain("\"details\"", Integer.toString(closed), bucket, s3.secretKey());

      HttpResponse<String> keyHolder = service.sendAs(TestKeys.VIEWER, "GET", "/actuator/health/readiness");
      assertThat(keyHolder.statusCode()).isEqualTo(503);
      assertThat(JsonPath.<String>read(keyHolder.body(), "$.components.pulumi.details.state")).contains("127.0.0.1:" + closed);
      assertThat(keyHolder.body()).doesNotContain(s3.secretKey());

      assertThat(service.sendAs("", "GET", "/actuator/health/liveness").statusCode()).as("alive all the same").isEqualTo(200);
    }
  }

  @Test
  void aReplicaThatCannotReadTheSecretsInTheStateIsNotReadyAndSaysWhy() throws Exception {
    TestS3 s3 = TestS3.require();
    String bucket = s3.newBucket();
    String passphrase = "the-passphrase-" + UUID.randomUUID();
    String otherPassphrase = "another-passphrase-" + UUID.randomUUID();
    Map<String, String> first = properties("first", s3, bucket, passphrase);
    Map<String, String> second = properties("second", s3, bucket, otherPassphrase);

    try (ServiceProcess owner = ServiceProcess.startReal(first, logOf(first))) {
      String name = Manifests.uniqueName("secrets");
      HttpResponse<String> created = owner.send("POST", "/api/v1/database-clusters", "application/json", Sandbox.stackInput(name, 1));
      String job = owner.api().awaitEnd(JsonPath.read(created.body(), "$.job.id"), WAIT);
      assertThat(JsonPath.<String>read(job, "$.status")).as(job).isEqualTo("SUCCEEDED");

      // Another replica, given the wrong passphrase: it reaches the bucket but cannot read the state's secrets.
      try (ServiceProcess stranger = ServiceProcess.startRealUnready(second, logOf(second))) {
        HttpResponse<String> anyone = stranger.sendAs("", "GET", "/actuator/health/readiness");
        assertThat(anyone.statusCode()).as(anyone.body()).isEqualTo(503);
        assertThat(JsonPath.<String>read(anyone.body(), "$.components.pulumi.description")).isEqualTo(
            "sandbox; the secrets in the Pulumi state cannot be read with this replica's passphrase or key: jobs fail until they can");
        HttpResponse<String> keyHolder = stranger.sendAs(TestKeys.VIEWER, "GET", "/actuator/health/readiness");
        assertThat(JsonPath.<String>read(keyHolder.body(), "$.components.pulumi.details.stack")).endsWith("prod." + name);
        assertThat(JsonPath.<String>read(keyHolder.body(), "$.components.pulumi.details.state")).containsIgnoringCase("passphrase");
        for (String secret : new String[] {passphrase, otherPassphrase, s3.secretKey()}) {
          assertThat(anyone.body() + keyHolder.body()).doesNotContain(secret);
        }
      }
      HttpResponse<String> ready = owner.sendAs(TestKeys.VIEWER, "GET", "/actuator/health/readiness");
      assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
    }
  }

  /** A replica of its own (data directory, database) on the bucket, with this passphrase. */
  private static Map<String, String> properties(String name, TestS3 s3, String bucket, String passphrase) throws Exception {
    Map<String, String> properties = RealEngine.serviceOn(TestPostgres.newDatabase(), RealEngine.dataDir("real-readiness-" + name), Map.of());
    properties.putAll(s3.serviceProperties(bucket));
    properties.put("dbplane.pulumi.passphrase", passphrase);
    properties.put("dbplane.jobs.polling-interval", "200ms");
    return properties;
  }

  private static Path logOf(Map<String, String> properties) {
    return Path.of(properties.get("dbplane.data-dir")).resolve("service.log");
  }
}
