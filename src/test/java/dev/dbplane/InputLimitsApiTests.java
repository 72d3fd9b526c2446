package dev.dbplane;

import static dev.dbplane.support.Manifests.uniqueName;
import static dev.dbplane.support.MvcApi.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import com.jayway.jsonpath.JsonPath;
import dev.dbplane.support.EngineForTests;
import dev.dbplane.support.MvcApi;
import dev.dbplane.support.TestKeys;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * Inputs past the bounds are refused through the API as violations of their field, at validate, at
 * create and at update, before anything is written: never a 500 from a column too small, nor a job
 * that fails on Pulumi's limits later.
 */
@SpringBootTest(properties = {"dbplane.engine=scripted", "dbplane.jobs.polling-interval=200ms",
    "spring.datasource.url=jdbc:h2:mem:input-limits;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1"})
@AutoConfigureMockMvc
@Import(EngineForTests.class)
class InputLimitsApiTests {

  private static final String LONG_NAME = "a".repeat(600);

  private final MvcApi api;
  @Autowired JdbcClient jdbc;

  @Autowired
  InputLimitsApiTests(MockMvc mvc) {
    this.api = new MvcApi(mvc, TestKeys.OPERATOR);
  }

  @Test
  void aNameOf600CharactersIsAViolationAtValidateNotA500() throws Exception {
    MvcResult judged = api.send(post("/api/v1/database-clusters:validate"), withMetadataName(uniqueName("limits"), LONG_NAME));

    assertThat(judged.getResponse().getStatus()).isEqualTo(200);
    assertThat(JsonPath.<Boolean>read(body(judged), "$.valid")).isFalse();
    assertThat(JsonPath.<List<String>>read(body(judged), "$.violations[?(@.field == 'target.metadata.name')].rule"))
        .containsExactly("dbplane.length");
  }

  @Test
  void aNameOf600CharactersIsRefusedAtCreateAndNothingIsWritten() throws Exception {
    long clusters = jdbc.sql("select count(*) from resources").query(Long.class).single();

    MvcResult refused = api.send(post("/api/v1/database-clusters"), withMetadataName(uniqueName("limits"), LONG_NAME));

    assertIsTheLengthProblem(refused);
    assertThat(jdbc.sql("select count(*) from resources").query(Long.class).single()).isEqualTo(clusters);
  }

  @Test
  void aNameOf600CharactersIsRefusedAtUpdateAndTheClusterKeepsItsSpec() throws Exception {
    String name = uniqueName("limits");
    MvcResult created = api.send(post("/api/v1/database-clusters"), ServiceContract.stackInput(name, 2, 0));
    assertThat(created.getResponse().getStatus()).as(body(created)).isEqualTo(202);
    String clusterId = JsonPath.read(body(created), "$.clusterId");
    api.await(JsonPath.read(body(created), "$.job.id"), "SUCCEEDED");
    String etag = api.send(get("/api/v1/database-clusters/" + clusterId)).getResponse().getHeader("ETag");

    MvcResult refused = api.send(put("/api/v1/database-clusters/" + clusterId).header("If-Match", etag), withMetadataName(name, LONG_NAME));

    assertIsTheLengthProblem(refused);
    MvcResult after = api.send(get("/api/v1/database-clusters/" + clusterId));
    assertThat(after.getResponse().getHeader("ETag")).isEqualTo(etag);
    assertThat(JsonPath.<String>read(body(after), "$.manifest.metadata.name")).isEqualTo(name);
  }

  @Test
  void aLoneSurrogateEscapedInJsonIsAViolationNotAGarbledName() throws Exception {
    MvcResult judged = api.send(post("/api/v1/database-clusters:validate"), withMetadataName(uniqueName("limits"), "orders\\ud800"));

    assertThat(judged.getResponse().getStatus()).isEqualTo(200);
    assertThat(JsonPath.<List<String>>read(body(judged), "$.violations[?(@.field == 'target.metadata.name')].rule"))
        .containsExactly("dbplane.characters.invisible");
  }

  private static void assertIsTheLengthProblem(MvcResult refused) throws Exception {
    assertThat(refused.getResponse().getStatus()).as(body(refused)).isEqualTo(422);
    assertThat(refused.getResponse().getContentType()).isEqualTo("application/problem+json");
    assertThat(JsonPath.<String>read(body(refused), "$.type")).isEqualTo("urn:dbplane:problem:invalid-spec");
    assertThat(JsonPath.<List<String>>read(body(refused), "$.violations[*].field")).containsExactly("target.metadata.name");
    assertThat(JsonPath.<List<String>>read(body(refused), "$.violations[*].rule")).containsExactly("dbplane.length");
  }

  /** A stack input whose cluster is named {@code clusterName} and whose metadata is named {@code metadataName} (raw JSON text). */
  private static String withMetadataName(String clusterName, String metadataName) {
    return ServiceContract.stackInput(clusterName, 2, 0)
        .replace("\"name\": \"" + clusterName + "\"", "\"name\": \"" + metadataName + "\"");
  }
}
