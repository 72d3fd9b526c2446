package dev.dbplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import dev.dbplane.support.ApiClient;
import dev.dbplane.support.Manifests;
import dev.dbplane.support.RealEngine;
import dev.dbplane.support.Sandbox;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The real CLI with no provider plugin installed: health says so, and a job fails at once as
 * ENGINE_UNAVAILABLE with the command that installs it, never trying a download.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "dbplane.jobs.polling-interval=200ms")
@ExtendWith(RealEngine.class)
class RealEngineWithoutPluginTests {

  private static final Path EMPTY_HOME = Path.of("target", "pulumi-home-without-plugins-" + UUID.randomUUID()).toAbsolutePath();

  @LocalServerPort int port;

  @DynamicPropertySource
  static void noPlugin(DynamicPropertyRegistry registry) {
    RealEngine.register(registry);
    registry.add("dbplane.pulumi.home", EMPTY_HOME::toString);
    registry.add("spring.datasource.url", () -> "jdbc:h2:mem:" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
  }

  @Test
  void healthSaysThePluginIsMissingAndAJobFailsWithTheInstallCommand() throws Exception {
    ApiClient api = new ApiClient(port);
    String health = api.get("/actuator/health").body();
    assertThat(JsonPath.<String>read(health, "$.components.pulumi.status")).isEqualTo("DOWN");
    assertThat(JsonPath.<String>read(health, "$.components.pulumi.details.reason"))
        .contains("not installed").contains("pulumi plugin install resource digitalocean 4.76.0");
    assertThat(health).doesNotContain("providerPlugin");
    // Without a key too, the health says why, with no path in it.
    String anonymous = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    assertThat(JsonPath.<String>read(anonymous, "$.components.pulumi.status")).isEqualTo("DOWN");
    assertThat(JsonPath.<String>read(anonymous, "$.components.pulumi.description")).contains("provider plugin is not installed");
    assertThat(anonymous).doesNotContain(EMPTY_HOME.toString()).doesNotContain("details");

    String name = Manifests.uniqueName("noplugin");
    String created = api.send("POST", "/api/v1/database-clusters", "application/json", Sandbox.stackInput(name, 1)).body();
    String job = api.awaitEnd(JsonPath.read(created, "$.job.id"), Duration.ofMinutes(1));
    assertThat(JsonPath.<String>read(job, "$.error.code")).as(job).isEqualTo("ENGINE_UNAVAILABLE");
    assertThat(JsonPath.<String>read(job, "$.error.message")).contains("pulumi plugin install resource digitalocean 4.76.0");

    // Nothing is stuck: the record goes without the engine, and its name is free again.
    String clusterId = JsonPath.read(created, "$.clusterId");
    String destroying = api.send("DELETE", "/api/v1/database-clusters/" + clusterId + "?confirm=" + name, null, null).body();
    String destroyed = api.awaitEnd(JsonPath.read(destroying, "$.job.id"), Duration.ofMinutes(1));
    assertThat(JsonPath.<String>read(destroyed, "$.status")).as(destroyed).isEqualTo("SUCCEEDED");
    assertThat(api.get("/api/v1/database-clusters/" + clusterId).statusCode()).isEqualTo(404);
    assertThat(api.send("POST", "/api/v1/database-clusters", "application/json", Sandbox.stackInput(name, 1)).statusCode()).isEqualTo(202);
  }
}
