package dev.dbplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import dev.dbplane.support.ApiClient;
import dev.dbplane.support.EngineForTests;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * If-Match as people send it from a shell: the ETag with its quotes cut off names the same tag; any
 * other value that is not the current ETag is a 412 that says what the current ETag is and how to
 * send it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "dbplane.engine=scripted", "dbplane.jobs.polling-interval=200ms",
    "spring.datasource.url=jdbc:h2:mem:if-match;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1"})
@Import(EngineForTests.class)
class IfMatchTests {

  @LocalServerPort int port;
  private ApiClient api;
  private String name;
  private String cluster;
  private String etag;

  @BeforeEach
  void aClusterThatWasRead() throws Exception {
    api = new ApiClient(port);
    name = "if-match-" + UUID.randomUUID().toString().substring(0, 8);
    HttpResponse<String> created = api.send("POST", "/api/v1/database-clusters", "application/json", ServiceContract.stackInput(name, 2, 0));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
    cluster = "/api/v1/database-clusters/" + JsonPath.read(created.body(), "$.clusterId");
    api.awaitEnd(JsonPath.read(created.body(), "$.job.id"), Duration.ofSeconds(20));
    etag = api.get(cluster).headers().firstValue("ETag").orElseThrow();
  }

  @Test
  void theEtagWithoutItsQuotesNamesTheSameTag() throws Exception {
    HttpResponse<String> updated = api.sendWithIfMatch("PUT", cluster, ServiceContract.stackInput(name, 3, 0), etag.replace("\"", ""));

    assertThat(updated.statusCode()).as(updated.body()).isEqualTo(202);
  }

  @Test
  void aDoublyQuotedEtagIsRefusedWithTheCurrentEtagAndHowToSendIt() throws Exception {
    HttpResponse<String> refused = api.sendWithIfMatch("PUT", cluster, ServiceContract.stackInput(name, 3, 0), "\"" + etag + "\"");

    assertIsStaleNaming(refused, etag);
  }

  @Test
  void aWeakEtagNeverMatchesSinceIfMatchComparesStrongly() throws Exception {
    assertIsStaleNaming(api.sendWithIfMatch("PUT", cluster, ServiceContract.stackInput(name, 3, 0), "W/" + etag), etag);
  }

  private static void assertIsStaleNaming(HttpResponse<String> refused, String current) {
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(412);
    assertThat(refused.headers().firstValue("ETag")).contains(current);
    assertThat(JsonPath.<String>read(refused.body(), "$.type")).isEqualTo("urn:dbplane:problem:stale-etag");
    assertThat(JsonPath.<String>read(refused.body(), "$.detail")).contains("its ETag is now " + current).endsWith("send If-Match: " + current);
    assertThat(JsonPath.<List<String>>read(refused.body(), "$.violations[*].field")).containsExactly("If-Match");
  }
}
