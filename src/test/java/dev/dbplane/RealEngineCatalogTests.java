package dev.dbplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import dev.dbplane.support.ApiClient;
import dev.dbplane.support.RealEngine;
import dev.dbplane.support.Sandbox;
import dev.dbplane.support.TestKeys;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The catalog from the DigitalOcean API emulator, as from DigitalOcean: with the server's token the
 * service asks GET /v2/databases/options in the background at start, and then serves that answer
 * over HTTP, saying it is DigitalOcean's and when it came.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(RealEngine.class)
class RealEngineCatalogTests {

  private static final Path DATA = Path.of("target", "real-engine-catalog-" + UUID.randomUUID()).toAbsolutePath();
  private static final Instant STARTED = Instant.now();
  private static final Duration WAIT = Duration.ofSeconds(30);

  @LocalServerPort int port;

  @DynamicPropertySource
  static void onTheSandbox(DynamicPropertyRegistry registry) {
    RealEngine.register(registry, DATA);
    registry.add("dbplane.digitalocean.default-token", () -> Sandbox.TOKEN);
    registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + DATA.resolve("db/dbplane") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
  }

  @Test
  void theCatalogIsDigitalOceansAnswerOnceFetched() throws Exception {
    ApiClient api = new ApiClient(port);
    Instant deadline = Instant.now().plus(WAIT);
    HttpResponse<String> answer = api.send(TestKeys.VIEWER, "GET", "/api/v1/catalog", null, null);
    while (JsonPath.<String>read(answer.body(), "$.source").equals("snapshot") && Instant.now().isBefore(deadline)) {
      Thread.sleep(200);
      answer = api.send(TestKeys.VIEWER, "GET", "/api/v1/catalog", null, null);
    }

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    assertThat(JsonPath.<String>read(answer.body(), "$.source")).as("fetched within " + WAIT).isEqualTo("digitalocean");
    assertThat(Instant.parse(JsonPath.read(answer.body(), "$.fetchedAt"))).isAfter(STARTED).isBeforeOrEqualTo(Instant.now());
    assertThat(JsonPath.<List<String>>read(answer.body(), "$.engines[*].engine")).contains("pg", "mysql", "redis", "valkey", "mongodb");
    assertThat(JsonPath.<List<String>>read(answer.body(), "$.engines[?(@.engine == 'pg')].versions[*].version")).contains("16", "17");
    assertThat(answer.body()).doesNotContain(Sandbox.TOKEN);
    assertThat(Sandbox.require().requests()).as("the emulator was asked").contains("/v2/databases/options");
  }
}
