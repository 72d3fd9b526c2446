package dev.dbplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import dev.dbplane.support.ApiClient;
import dev.dbplane.support.Sandbox;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The real CLI with no provider plugin installed: health says so, and a job fails at once as
 * ENGINE_UNAVAILABLE with the command that installs it, never trying a download.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "dbplane.jobs.polling-interval=200ms")
class RealEngineWithoutPluginTests {

  private static final Path EMPTY_HOME = Path.of("target", "pulumi-home-without-plugins-" + UUID.randomUUID()).toAbsolutePath();

  @LocalServerPort int port;

  @BeforeAll
  static void theRealEngineIsHere() {
    Sandbox.require();
  }

  @DynamicPropertySource
  static void noPlugin(DynamicPropertyRegistry registry) {
    Sandbox.require().serviceProperties().forEach((key, value) -> registry.add(key, () -> value));
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

    String created = api.send("POST", "/api/v1/database-clusters", "application/json", Sandbox.stackInput(RealEngineTests.uniqueName("noplugin"), 1)).body();
    String job = api.awaitEnd(JsonPath.read(created, "$.job.id"), Duration.ofMinutes(1));
    assertThat(JsonPath.<String>read(job, "$.error.code")).as(job).isEqualTo("ENGINE_UNAVAILABLE");
    assertThat(JsonPath.<String>read(job, "$.error.message")).contains("pulumi plugin install resource digitalocean 4.76.0");
  }
}
