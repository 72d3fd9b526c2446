package dev.dbplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import dev.dbplane.support.ApiClient;
import dev.dbplane.support.Manifests;
import dev.dbplane.support.RealEngine;
import dev.dbplane.support.Sandbox;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One stack, one cluster, through the real Pulumi CLI, the sandbox provider and the DigitalOcean
 * emulator: manifests that would land in another cluster's stack (its metadata name, its stack
 * label, names that rewrite alike) are refused before any job, and both clusters stay as they were
 * at DigitalOcean; a stack label that climbs out of the data directory is refused at validate time.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "dbplane.jobs.polling-interval=200ms", "dbplane.jobs.workers=2", "dbplane.security.mutations-per-minute=10000"})
@ExtendWith(RealEngine.class)
class RealEngineStackIdentityTests {

  private static final Duration JOB_WAIT = Duration.ofMinutes(3);
  private static final String FQDN = "pulumi.project-planton.org/stack.fqdn";
  private static final Path DATA = Path.of("target", "real-engine-stacks-" + UUID.randomUUID()).toAbsolutePath();

  @LocalServerPort int port;
  private ApiClient api;
  private Sandbox sandbox;

  /** The sandbox's engine, and everything else of the service (its H2 database too) in a data directory of this class's. */
  @DynamicPropertySource
  static void onTheSandbox(DynamicPropertyRegistry registry) {
    RealEngine.register(registry, DATA);
  }

  @BeforeEach
  void client() {
    api = new ApiClient(port);
    sandbox = Sandbox.require();
  }

  @Test
  void lookAlikeClustersAreRefusedAndBothClustersStayIntactAtDigitalOcean() throws Exception {
    String alpha = Manifests.uniqueName("alpha");
    String alphaId = createAndAwait(Sandbox.stackInput(alpha, 1));
    String alphaAtDigitalOcean = JsonPath.read(sandbox.cluster(alpha), "$.id");

    String gamma = Manifests.uniqueName("gamma");
    List<String> lookAlikes = List.of(
        withMetadataName(gamma, alpha),
        withMetadataName(gamma, alpha.toUpperCase(Locale.ROOT).replace('-', ' ')),
        withStackFqdn(gamma, "acme/dbplane/prod." + alpha),
        withStackFqdn(gamma, "organization/DBPLANE/PROD." + alpha.toUpperCase(Locale.ROOT)));
    for (String lookAlike : lookAlikes) {
      HttpResponse<String> refused = api.send("POST", "/api/v1/database-clusters", "application/json", lookAlike);
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
      assertThat(JsonPath.<String>read(refused.body(), "$.type")).endsWith("stack-in-use");
      assertThat(JsonPath.<String>read(refused.body(), "$.cluster")).isEqualTo("/api/v1/database-clusters/" + alphaId);
      assertThat(JsonPath.<String>read(refused.body(), "$.detail")).contains("of cluster " + alpha);
    }
    assertThat(sandbox.clusterNames()).doesNotContain(gamma);

    // gamma in a stack of its own: created beside alpha, and its stack labels are fixed from now on.
    String own = withStackFqdn(gamma, "organization/dbplane/prod." + gamma);
    String gammaId = createAndAwait(own);
    String etag = api.get("/api/v1/database-clusters/" + gammaId).headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> moved = api.sendWithIfMatch("PUT", "/api/v1/database-clusters/" + gammaId,
        withStackFqdn(gamma, "organization/dbplane/prod." + alpha), etag);
    assertThat(moved.statusCode()).as(moved.body()).isEqualTo(422);
    assertThat(JsonPath.<List<String>>read(moved.body(), "$.violations[*].rule")).containsExactly("dbplane.change.stack_fixed");

    // Both clusters are as they were: alpha's own cluster at DigitalOcean, its stack unchanged.
    assertThat(JsonPath.<String>read(sandbox.cluster(alpha), "$.id")).isEqualTo(alphaAtDigitalOcean);
    assertThat(JsonPath.<String>read(sandbox.cluster(alpha), "$.status")).isEqualTo("online");
    assertThat(JsonPath.<String>read(sandbox.cluster(gamma), "$.status")).isEqualTo("online");
    String alphaCluster = api.get("/api/v1/database-clusters/" + alphaId).body();
    assertThat(JsonPath.<String>read(alphaCluster, "$.state")).isEqualTo("READY");
    assertThat(JsonPath.<String>read(alphaCluster, "$.outputs.cluster_id")).isEqualTo(alphaAtDigitalOcean);
    for (String clusterId : List.of(alphaId, gammaId)) {
      String refreshed = awaitJobOf(api.send("POST", "/api/v1/database-clusters/" + clusterId + ":refresh", null, null));
      assertThat(JsonPath.<Map<String, Integer>>read(refreshed, "$.changes")).as(refreshed).doesNotContainKeys("update", "delete", "replace");
    }
    // An UP of alpha changes alpha alone, in place.
    String alphaEtag = api.get("/api/v1/database-clusters/" + alphaId).headers().firstValue("ETag").orElseThrow();
    String resized = awaitJobOf(api.sendWithIfMatch("PUT", "/api/v1/database-clusters/" + alphaId, Sandbox.stackInput(alpha, 2), alphaEtag));
    assertThat(JsonPath.<Map<String, Integer>>read(resized, "$.changes")).containsEntry("update", 1).doesNotContainKeys("delete", "replace", "create");
    assertThat(JsonPath.<String>read(sandbox.cluster(alpha), "$.id")).isEqualTo(alphaAtDigitalOcean);
    assertThat(JsonPath.<Integer>read(sandbox.cluster(alpha), "$.num_nodes")).isEqualTo(2);
    assertThat(JsonPath.<Integer>read(sandbox.cluster(gamma), "$.num_nodes")).isEqualTo(1);
  }

  @Test
  void aStackLabelThatClimbsOutOfTheDataDirectoryIsRefusedAtValidateTimeAndWritesNothing() throws Exception {
    for (String fqdn : List.of("../../escaped", "../../..")) {
      String escaping = withStackFqdn(Manifests.uniqueName("escape"), fqdn);
      HttpResponse<String> judged = api.send("POST", "/api/v1/database-clusters:validate", "application/json", escaping);
      assertThat(JsonPath.<Boolean>read(judged.body(), "$.valid")).as(judged.body()).isFalse();
      assertThat(JsonPath.<List<String>>read(judged.body(), "$.violations[*].field")).containsExactly("target.metadata.labels[\"" + FQDN + "\"]");
      HttpResponse<String> refused = api.send("POST", "/api/v1/database-clusters", "application/json", escaping);
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
    }
    assertThat(DATA.getParent().resolve("escaped")).doesNotExist();
    assertThat(DATA.getParent().resolve("Pulumi.yaml")).doesNotExist();
    assertThat(DATA.getParent().getParent().resolve("Pulumi.yaml")).doesNotExist();
    assertThat(Files.exists(DATA.resolve("pulumi-state/.pulumi/stacks/escaped.json"))).isFalse();
  }

  // --- helpers

  private static String withMetadataName(String clusterName, String metadataName) {
    return Sandbox.stackInput(Manifests.inProd(clusterName, 1, metadata -> metadata.setName(metadataName)));
  }

  private static String withStackFqdn(String clusterName, String fqdn) {
    return Sandbox.stackInput(Manifests.inProd(clusterName, 1, metadata -> metadata.putLabels(FQDN, fqdn)));
  }

  private String createAndAwait(String stackInput) throws Exception {
    HttpResponse<String> created = api.send("POST", "/api/v1/database-clusters", "application/json", stackInput);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
    awaitJobOf(created);
    return JsonPath.read(created.body(), "$.clusterId");
  }

  private String awaitJobOf(HttpResponse<String> accepted) throws Exception {
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    String job = api.awaitEnd(JsonPath.read(accepted.body(), "$.job.id"), JOB_WAIT);
    assertThat(JsonPath.<String>read(job, "$.status")).as(job).isEqualTo("SUCCEEDED");
    return job;
  }
}
