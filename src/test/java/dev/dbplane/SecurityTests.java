package dev.dbplane;

import static dev.dbplane.support.Manifests.uniqueName;
import static dev.dbplane.support.MvcApi.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.jayway.jsonpath.JsonPath;
import dev.dbplane.support.EngineForTests;
import dev.dbplane.support.MvcApi;
import dev.dbplane.support.ScriptedStackEngine;
import dev.dbplane.support.TestKeys;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** Who may call what, and that secrets reach only a secrets-reader who asks, with an audit entry. */
@SpringBootTest(properties = {"dbplane.engine=scripted", "dbplane.jobs.polling-interval=200ms",
    "spring.datasource.url=jdbc:h2:mem:security;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1"})
@AutoConfigureMockMvc
@Import(EngineForTests.class)
@ExtendWith(OutputCaptureExtension.class)
class SecurityTests {

  @Autowired MockMvc mvc;
  @Autowired JdbcClient jdbc;

  @Test
  void withoutCredentialsOnlyHealthAndTheApiDocumentsAnswer() throws Exception {
    assertThat(status(get("/actuator/health"), null)).isIn(200, 503);
    assertThat(status(get("/v3/api-docs"), null)).isEqualTo(200);
    MvcResult refused = perform(get("/api/v1/database-clusters"), null);
    assertThat(refused.getResponse().getStatus()).isEqualTo(401);
    assertThat(refused.getResponse().getContentType()).isEqualTo("application/problem+json");
    assertThat(status(post("/api/v1/database-clusters:validate").contentType("application/json").content("{}"), null)).isEqualTo(401);
  }

  @Test
  void aWrongKeyTellsNothingOfWhichKeysExist() throws Exception {
    String unknownId = body(perform(get("/api/v1/jobs"), "dbp_nosuchkey_" + "x".repeat(43)));
    String wrongSecret = body(perform(get("/api/v1/jobs"), "dbp_test-viewer_wrong-secret"));
    String garbage = body(perform(get("/api/v1/jobs"), "garbage"));
    assertThat(unknownId).isEqualTo(wrongSecret).isEqualTo(garbage).contains("\"status\":401");
  }

  @Test
  void eachRoleMayDoItsOwnThingsOnly() throws Exception {
    assertThat(status(get("/api/v1/jobs"), TestKeys.VIEWER)).isEqualTo(200);
    assertThat(status(post("/api/v1/database-clusters:validate").contentType("application/json").content("{}"), TestKeys.VIEWER)).isEqualTo(200);
    assertThat(status(create(uniqueName("sec")), TestKeys.VIEWER)).isEqualTo(403);
    assertThat(status(create(uniqueName("sec")), TestKeys.SECRETS_READER)).isEqualTo(403);
    assertThat(status(get("/api/v1/admin/api-keys"), TestKeys.OPERATOR)).isEqualTo(403);
    assertThat(status(post("/api/v1/database-clusters/" + UUID.randomUUID() + "/outputs:reveal"), TestKeys.OPERATOR)).isEqualTo(403);
    assertThat(status(get("/api/v1/admin/api-keys"), TestKeys.ADMIN)).isEqualTo(200);
  }

  @Test
  void aSecretsReaderRevealsTheOutputsAndTheRevealIsAudited(CapturedOutput output) throws Exception {
    String name = uniqueName("sec");
    MvcResult created = perform(create(name), TestKeys.OPERATOR);
    assertThat(created.getResponse().getStatus()).isEqualTo(202);
    String clusterId = JsonPath.read(body(created), "$.clusterId");
    new MvcApi(mvc, TestKeys.VIEWER).await(JsonPath.read(body(created), "$.job.id"), "SUCCEEDED");

    String shown = body(perform(get("/api/v1/database-clusters/" + clusterId), TestKeys.VIEWER));
    assertThat(shown).doesNotContain(ScriptedStackEngine.SECRET_PASSWORD).contains("[REDACTED]");
    String revealed = body(perform(post("/api/v1/database-clusters/" + clusterId + "/outputs:reveal")
        .header("Idempotency-Key", UUID.randomUUID().toString()), TestKeys.SECRETS_READER));
    assertThat(JsonPath.<String>read(revealed, "$.database_password")).isEqualTo(ScriptedStackEngine.SECRET_PASSWORD);
    assertThat(JsonPath.<String>read(revealed, "$.connection_uri")).isEqualTo(ScriptedStackEngine.SECRET_URI);

    String audit = body(perform(get("/api/v1/admin/audit-events?clusterId=" + clusterId), TestKeys.ADMIN));
    assertThat(JsonPath.<List<String>>read(audit, "$[*].action")).containsExactly("outputs.reveal", "cluster.create");
    assertThat(JsonPath.<List<String>>read(audit, "$[*].actor")).containsExactly("apikey:test-reader", "apikey:test-operator");
    assertThat(audit).doesNotContain(ScriptedStackEngine.SECRET_PASSWORD);

    // The kept answer of the idempotent reveal is encrypted like every other secret.
    for (byte[] kept : jdbc.sql("select body from idempotency_keys").query((rs, row) -> rs.getBytes(1)).list()) {
      assertThat(new String(kept, StandardCharsets.ISO_8859_1)).doesNotContain(ScriptedStackEngine.SECRET_PASSWORD);
    }
    assertThat(output.getAll()).doesNotContain(ScriptedStackEngine.SECRET_PASSWORD).doesNotContain(ServiceContract.TOKEN)
        .doesNotContain(TestKeys.ADMIN).doesNotContain(TestKeys.OPERATOR);
  }

  @Test
  void anAdminCreatesAKeyThatWorksUntilItIsRevoked() throws Exception {
    MvcResult created = perform(post("/api/v1/admin/api-keys").contentType("application/json")
        .content("{\"name\": \"portal\", \"roles\": [\"viewer\"]}"), TestKeys.ADMIN);
    assertThat(created.getResponse().getStatus()).isEqualTo(201);
    String key = JsonPath.read(body(created), "$.key");
    String id = JsonPath.read(body(created), "$.id");
    assertThat(key).startsWith("dbp_" + id + "_");
    assertThat(status(get("/api/v1/jobs"), key)).isEqualTo(200);
    assertThat(body(perform(get("/api/v1/admin/api-keys"), TestKeys.ADMIN))).contains(id).doesNotContain(key.substring(key.lastIndexOf('_') + 1));
    assertThat(status(delete("/api/v1/admin/api-keys/" + id), TestKeys.ADMIN)).isEqualTo(204);
    assertThat(status(get("/api/v1/jobs"), key)).isEqualTo(401);
    String audit = body(perform(get("/api/v1/admin/audit-events"), TestKeys.ADMIN));
    assertThat(JsonPath.<List<String>>read(audit, "$[*].action")).contains("apikey.create", "apikey.revoke");
  }

  @Test
  void unknownRolesAreRefused() throws Exception {
    MvcResult refused = perform(post("/api/v1/admin/api-keys").contentType("application/json")
        .content("{\"name\": \"x\", \"roles\": [\"root\"]}"), TestKeys.ADMIN);
    assertThat(refused.getResponse().getStatus()).isEqualTo(400);
    assertThat(body(refused)).contains("roles");
  }

  private MockHttpServletRequestBuilder create(String name) {
    return post("/api/v1/database-clusters").contentType("application/json").content(ServiceContract.stackInput(name, 2, 0));
  }

  @Test
  void aKeyWorksAsABearerTokenAsDigitalOceansOwnTokensDo() throws Exception {
    assertThat(mvc.perform(get("/api/v1/jobs").header("Authorization", "Bearer " + TestKeys.VIEWER)).andReturn().getResponse().getStatus())
        .isEqualTo(200);
    assertThat(mvc.perform(get("/api/v1/jobs").header("Authorization", "ApiKey " + TestKeys.VIEWER)).andReturn().getResponse().getStatus())
        .isEqualTo(200);
  }

  @Test
  void a401SaysWhichCredentialItSawAndWhatToSendButNothingOfWhichKeysExist() throws Exception {
    MvcResult none = perform(get("/api/v1/jobs"), null);
    assertThat(none.getResponse().getHeader("WWW-Authenticate")).contains("ApiKey header=\"X-API-Key\"", "Bearer");
    assertThat(detail(none)).startsWith("no credentials were sent").contains("X-API-Key", "Authorization: Bearer <key>")
        .doesNotContain("issuer of");

    String unknown = detail(mvc.perform(get("/api/v1/jobs").header("Authorization", "Bearer dbp_nosuchkey_" + "x".repeat(43))).andReturn());
    String wrongSecret = detail(mvc.perform(get("/api/v1/jobs").header("Authorization", "Bearer dbp_test-viewer_wrong-secret")).andReturn());
    assertThat(unknown).isEqualTo(wrongSecret).contains("the API key sent in Authorization: Bearer is not valid")
        .doesNotContain("nosuchkey").doesNotContain("wrong-secret");
    assertThat(detail(perform(get("/api/v1/jobs"), "dbp_test-viewer_wrong-secret"))).contains("the API key sent in X-API-Key is not valid");

    // No issuer is configured here: a JWT cannot be accepted, and the answer says so.
    assertThat(detail(mvc.perform(get("/api/v1/jobs").header("Authorization", "Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln")).andReturn()))
        .contains("accepts no other bearer tokens: no token issuer is configured");
    assertThat(detail(mvc.perform(get("/api/v1/jobs").header("Authorization", "Basic dXNlcjpwYXNz")).andReturn()))
        .contains("the Authorization scheme Basic is not accepted").doesNotContain("dXNlcjpwYXNz");
  }

  private static String detail(MvcResult result) throws Exception {
    assertThat(result.getResponse().getStatus()).isEqualTo(401);
    return JsonPath.read(body(result), "$.detail");
  }

  private MvcResult perform(MockHttpServletRequestBuilder request, String key) throws Exception {
    return mvc.perform(key == null ? request : request.header(TestKeys.HEADER, key)).andReturn();
  }

  private int status(MockHttpServletRequestBuilder request, String key) throws Exception {
    return perform(request, key).getResponse().getStatus();
  }
}
