package dev.dbplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.jayway.jsonpath.JsonPath;
import dev.dbplane.support.TestKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The real thing: the service provisions a cluster with the real Pulumi CLI and DigitalOcean
 * provider, through its REST API (preview, up, destroy). It needs a Pulumi CLI
 * ({@code DBPLANE_E2E_PULUMI_CLI}, default {@code pulumi} on PATH) with the provider plugin in
 * {@code DBPLANE_E2E_PULUMI_HOME} or on PATH, and a token in {@code DBPLANE_E2E_DIGITALOCEAN_TOKEN};
 * {@code DBPLANE_E2E_DIGITALOCEAN_API} points it at another DigitalOcean API (an emulator). Without
 * them it does not run, says so and why, and is reported as skipped, never as passed.
 */
@SpringBootTest(properties = {"dbplane.engine=pulumi", "dbplane.jobs.polling-interval=500ms"})
@AutoConfigureMockMvc
class RealEngineTests {

  private static final Duration WAIT = Duration.ofMinutes(30);

  @Autowired MockMvc mvc;

  @BeforeEach
  void requireTheRealEngine() {
    String token = System.getenv("DBPLANE_E2E_DIGITALOCEAN_TOKEN");
    String cli = cli();
    String why = null;
    if (token == null || token.isBlank()) {
      why = "DBPLANE_E2E_DIGITALOCEAN_TOKEN is not set";
    } else if (!runs(cli)) {
      why = "no Pulumi CLI runs as '" + cli + "' (set DBPLANE_E2E_PULUMI_CLI)";
    }
    if (why != null) {
      System.out.println("REAL PULUMI END-TO-END TEST DID NOT RUN: " + why);
      Assumptions.abort("real Pulumi end-to-end test did not run: " + why);
    }
  }

  @DynamicPropertySource
  static void engine(DynamicPropertyRegistry registry) {
    registry.add("dbplane.pulumi.cli", RealEngineTests::cli);
    registry.add("spring.datasource.url", () -> "jdbc:h2:mem:" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    String home = System.getenv("DBPLANE_E2E_PULUMI_HOME");
    if (home != null) {
      registry.add("dbplane.pulumi.home", () -> Path.of(home).toString());
    }
    String api = System.getenv("DBPLANE_E2E_DIGITALOCEAN_API");
    if (api != null) {
      registry.add("dbplane.pulumi.digitalocean-api-endpoint", () -> api);
    }
  }

  @Test
  void aClusterIsPreviewedCreatedAndDestroyedForReal() throws Exception {
    String name = "dbplane-e2e-" + UUID.randomUUID().toString().substring(0, 8);
    String body = ServiceContract.stackInput(name, 1, 0).replace(ServiceContract.TOKEN, System.getenv("DBPLANE_E2E_DIGITALOCEAN_TOKEN"));
    MvcResult created = mvc.perform(post("/api/v1/database-clusters").header(TestKeys.HEADER, TestKeys.ADMIN).contentType("application/json").content(body)).andReturn();
    assertThat(created.getResponse().getStatus()).as(text(created)).isEqualTo(202);
    String clusterId = JsonPath.read(text(created), "$.clusterId");
    String up = await(JsonPath.read(text(created), "$.job.id"));
    assertThat(JsonPath.<String>read(up, "$.status")).as(up).isEqualTo("SUCCEEDED");
    String cluster = text(mvc.perform(get("/api/v1/database-clusters/" + clusterId).header(TestKeys.HEADER, TestKeys.ADMIN)).andReturn());
    assertThat(JsonPath.<String>read(cluster, "$.outputs.connection_uri")).isEqualTo("[REDACTED]");
    assertThat(JsonPath.<String>read(cluster, "$.outputs.host")).isNotBlank();

    String preview = await(JsonPath.read(text(mvc.perform(post("/api/v1/database-clusters/" + clusterId + ":preview").header(TestKeys.HEADER, TestKeys.ADMIN)).andReturn()), "$.job.id"));
    assertThat(JsonPath.<String>read(preview, "$.status")).as(preview).isEqualTo("SUCCEEDED");

    String destroy = await(JsonPath.read(text(mvc.perform(delete("/api/v1/database-clusters/" + clusterId + "?confirm=" + name).header(TestKeys.HEADER, TestKeys.ADMIN)).andReturn()), "$.job.id"));
    assertThat(JsonPath.<String>read(destroy, "$.status")).as(destroy).isEqualTo("SUCCEEDED");
    assertThat(mvc.perform(get("/api/v1/database-clusters/" + clusterId).header(TestKeys.HEADER, TestKeys.ADMIN)).andReturn().getResponse().getStatus()).isEqualTo(404);
  }

  private String await(String jobId) throws Exception {
    Instant deadline = Instant.now().plus(WAIT);
    while (Instant.now().isBefore(deadline)) {
      String job = text(mvc.perform(get("/api/v1/jobs/" + jobId).header(TestKeys.HEADER, TestKeys.ADMIN)).andReturn());
      if (!JsonPath.<String>read(job, "$.status").matches("QUEUED|RUNNING|CANCELLING")) {
        return job;
      }
      Thread.sleep(2000);
    }
    throw new AssertionError("job " + jobId + " did not end within " + WAIT);
  }

  private static String text(MvcResult result) throws Exception {
    return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
  }

  private static String cli() {
    String cli = System.getenv("DBPLANE_E2E_PULUMI_CLI");
    return cli == null || cli.isBlank() ? "pulumi" : cli;
  }

  private static boolean runs(String cli) {
    try {
      Process process = new ProcessBuilder(cli, "version").redirectErrorStream(true).start();
      return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (Exception e) {
      return false;
    }
  }
}
