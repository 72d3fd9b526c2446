package dev.dbplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import dev.dbplane.support.ApiClient;
import dev.dbplane.support.EngineForTests;
import dev.dbplane.support.TestKeys;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Refused privileged actions are audited; the public probes answer whatever key a caller sends. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"dbplane.engine=scripted",
    "spring.datasource.url=jdbc:h2:mem:access;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1"})
@Import(EngineForTests.class)
class AccessAnswersTests {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  @Test
  void aDeniedRevealIsAuditedWithWhoWhatAndWhichCluster() throws Exception {
    UUID cluster = UUID.randomUUID();
    for (int attempt = 0; attempt < 3; attempt++) {
      assertThat(api().send(TestKeys.OPERATOR, "POST", "/api/v1/database-clusters/" + cluster + "/outputs:reveal", null, null).statusCode())
          .isEqualTo(403);
    }
    List<Map<String, Object>> entries = jdbc.sql("select actor, action, detail from audit_events where cluster_id = ?")
        .param(cluster.toString()).query().listOfRows();
    assertThat(entries).hasSize(3).allSatisfy(entry -> {
      assertThat(entry.get("actor")).isEqualTo("apikey:test-operator");
      assertThat(entry.get("action")).isEqualTo("outputs.reveal.denied");
      assertThat((String) entry.get("detail")).startsWith("denied POST /api/v1/database-clusters/" + cluster + "/outputs:reveal")
          .contains("[operator]");
    });
  }

  @Test
  void refusedAdministrationIsAudited() throws Exception {
    UUID cluster = UUID.randomUUID();
    assertThat(api().send(TestKeys.OPERATOR, "POST", "/api/v1/admin/api-keys", "application/json",
        "{\"name\": \"mine\", \"roles\": [\"admin\"]}").statusCode()).isEqualTo(403);
    assertThat(api().send(TestKeys.SECRETS_READER, "DELETE", "/api/v1/admin/api-keys/0123456789ab", null, null).statusCode()).isEqualTo(403);
    assertThat(api().send(TestKeys.VIEWER, "POST", "/api/v1/database-clusters/" + cluster + "/webhooks", "application/json",
        "{\"url\": \"https://portal.example/hook\"}").statusCode()).isEqualTo(403);
    assertThat(audited("apikey:test-operator", "apikey.create.denied")).isTrue();
    assertThat(audited("apikey:test-reader", "apikey.revoke.denied")).isTrue();
    assertThat(jdbc.sql("select action from audit_events where cluster_id = ? and actor = 'apikey:test-viewer'")
        .param(cluster.toString()).query(String.class).list()).containsExactly("webhook.register.denied");
  }

  @Test
  void theProbesAnswerTheSameWithoutAKeyAndWithAWrongOrRevokedOne() throws Exception {
    HttpResponse<String> issued = api().send("POST", "/api/v1/admin/api-keys", "application/json", "{\"name\": \"short-lived\", \"roles\": [\"viewer\"]}");
    assertThat(issued.statusCode()).isEqualTo(201);
    String revoked = JsonPath.read(issued.body(), "$.key");
    assertThat(api().send("DELETE", "/api/v1/admin/api-keys/" + JsonPath.read(issued.body(), "$.id"), null, null).statusCode()).isEqualTo(204);
    // Revoking twice changes nothing and says nothing odd; an unknown or configured key says what it is.
    assertThat(api().send("DELETE", "/api/v1/admin/api-keys/" + JsonPath.read(issued.body(), "$.id"), null, null).statusCode()).isEqualTo(204);
    HttpResponse<String> unknown = api().send("DELETE", "/api/v1/admin/api-keys/nosuchkey", null, null);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(JsonPath.<String>read(unknown.body(), "$.detail")).isEqualTo("there is no API key nosuchkey");
    HttpResponse<String> configured = api().send("DELETE", "/api/v1/admin/api-keys/test-viewer", null, null);
    assertThat(configured.statusCode()).isEqualTo(409);
    assertThat(JsonPath.<String>read(configured.body(), "$.detail")).contains("given in configuration");

    for (String probe : List.of("/actuator/health/readiness", "/actuator/health/liveness", "/actuator/health")) {
      HttpResponse<String> anonymous = probe(probe, null);
      assertThat(anonymous.statusCode()).as(probe).isIn(200, 503);
      for (String key : List.of("dbp_nosuchkey_" + "x".repeat(43), "dbp_test-viewer_wrong-secret", "garbage", revoked)) {
        HttpResponse<String> withKey = probe(probe, key);
        assertThat(withKey.statusCode()).as(probe + " with " + key).isEqualTo(anonymous.statusCode());
        assertThat(withKey.body()).as(probe + " with " + key).isEqualTo(anonymous.body());
      }
    }
    // A protected endpoint still refuses the revoked key, with the anonymous caller's 401.
    assertThat(api().send(revoked, "GET", "/api/v1/jobs", null, null).statusCode()).isEqualTo(401);
  }

  private boolean audited(String actor, String action) {
    return jdbc.sql("select count(*) from audit_events where actor = ? and action = ?").params(actor, action).query(Long.class).single() > 0;
  }

  private HttpResponse<String> probe(String path, String key) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (key != null) {
      request.header(TestKeys.HEADER, key);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private ApiClient api() {
    return new ApiClient(port);
  }
}
