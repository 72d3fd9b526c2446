package dev.dbplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.jayway.jsonpath.JsonPath;
import dev.dbplane.support.ApiClient;
import dev.dbplane.support.Manifests;
import dev.dbplane.support.TestKeys;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Over a real HTTP port, as a portal calls it: violations of a YAML body name their field as the
 * body spells it, at its line and column; an empty Idempotency-Key is refused, not ignored.
 */
// In this package, not in api/, whose tests share one MockMvc context: a context paused for another
// cannot start its job scheduler again.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ValidationOverHttpTests {

  /** A hand-written stack input; clusterName and nodeCount break rules, sizeSlug is missing. */
  private static final String YAML = Manifests.yamlStackInput(Manifests.MISWRITTEN_YAML, "dop_v1_over_http_marker");

  @LocalServerPort int port;

  @Test
  void aYamlBodysViolationsHaveTheFieldAsWrittenAndItsLineAndColumn() throws Exception {
    HttpResponse<String> judged =
        new ApiClient(port).send(TestKeys.VIEWER, "POST", "/api/v1/database-clusters:validate", "application/yaml", YAML);

    assertThat(judged.statusCode()).as(judged.body()).isEqualTo(200);
    assertThat(JsonPath.<Boolean>read(judged.body(), "$.valid")).isFalse();
    assertThat(JsonPath.<List<Map<String, Object>>>read(judged.body(), "$.violations[*]"))
        .extracting(v -> v.get("field"), v -> v.get("rule"), v -> v.get("line"), v -> v.get("column"))
        .containsExactlyInAnyOrder(
            tuple("target.spec.clusterName", "dbplane.cluster_name.format", 8, 18),
            tuple("target.spec.nodeCount", "uint32.gte_lte", 12, 16),
            tuple("target.spec.sizeSlug", "required", null, null));
    assertThat(judged.body()).doesNotContain("dop_v1_over_http_marker");
  }

  @Test
  void aCreateRefusedForItsSpecPointsIntoTheYamlToo() throws Exception {
    HttpResponse<String> refused = new ApiClient(port).send(TestKeys.OPERATOR, "POST", "/api/v1/database-clusters", "application/yaml", YAML);

    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
    assertThat(JsonPath.<String>read(refused.body(), "$.type")).isEqualTo("urn:dbplane:problem:invalid-spec");
    assertThat(JsonPath.<List<Integer>>read(refused.body(), "$.violations[?(@.field == 'target.spec.nodeCount')].line")).containsExactly(12);
  }

  @Test
  void anEmptyIdempotencyKeyIsRefusedNamingTheHeader() throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/database-clusters:validate"))
            .header(TestKeys.HEADER, TestKeys.VIEWER)
            .header("Content-Type", "application/yaml")
            .header("Idempotency-Key", "")
            .POST(HttpRequest.BodyPublishers.ofString(YAML))
            .build();

    HttpResponse<String> refused = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
    assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(JsonPath.<String>read(refused.body(), "$.violations[0].field")).isEqualTo("Idempotency-Key");
  }
}
