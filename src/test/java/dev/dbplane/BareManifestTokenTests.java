package dev.dbplane;

import static dev.dbplane.support.Manifests.uniqueName;
import static dev.dbplane.support.MvcApi.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import com.jayway.jsonpath.JsonPath;
import dev.dbplane.support.EngineForTests;
import dev.dbplane.support.Manifests;
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
 * A bare Planton manifest on a server without a default token: validate judges it valid with
 * advice, a create is refused for want of a token, and an update or preview of a cluster that holds
 * the token it was created with uses that token.
 */
@SpringBootTest(properties = {"dbplane.engine=scripted", "dbplane.jobs.polling-interval=200ms",
    "spring.datasource.url=jdbc:h2:mem:bare-manifest-token;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1"})
@AutoConfigureMockMvc
@Import(EngineForTests.class)
class BareManifestTokenTests {

  @Autowired JdbcClient jdbc;
  private final MvcApi api;

  @Autowired
  BareManifestTokenTests(MockMvc mvc) {
    this.api = new MvcApi(mvc, TestKeys.OPERATOR);
  }

  @Test
  void aGoodBareManifestIsValidWithAdviceAndItsNormalisedSpec() throws Exception {
    MvcResult judged = api.send(post("/api/v1/database-clusters:validate"), bareManifest("judged", 2));

    assertThat(judged.getResponse().getStatus()).isEqualTo(200);
    assertThat(JsonPath.<Boolean>read(body(judged), "$.valid")).as(body(judged)).isTrue();
    assertThat(JsonPath.<List<String>>read(body(judged), "$.violations[*]")).isEmpty();
    assertThat(JsonPath.<List<String>>read(body(judged), "$.warnings[*].code")).containsExactly("dbplane.token_needed");
    assertThat(JsonPath.<String>read(body(judged), "$.normalized.clusterName")).isEqualTo("judged");
    assertThat(JsonPath.<String>read(body(judged), "$.normalized.engine")).isEqualTo("pg");
    assertThat(JsonPath.<String>read(body(judged), "$.credentials.source")).isEqualTo("none");
  }

  @Test
  void aCreateOfABareManifestWithNoTokenAnywhereIsRefusedAndWritesNothing() throws Exception {
    long clusters = count("resources");

    MvcResult refused = api.send(post("/api/v1/database-clusters"), bareManifest(uniqueName("bare"), 2));

    assertThat(refused.getResponse().getStatus()).as(body(refused)).isEqualTo(422);
    assertThat(JsonPath.<String>read(body(refused), "$.type")).isEqualTo("urn:dbplane:problem:invalid-spec");
    assertThat(JsonPath.<List<String>>read(body(refused), "$.violations[*].rule")).containsExactly("dbplane.provider_config.token_required");
    assertThat(count("resources")).isEqualTo(clusters);
  }

  @Test
  void anUpdateAndAPreviewOfABareManifestUseTheClustersStoredToken() throws Exception {
    String name = uniqueName("bare");
    String clusterId = create(name);

    MvcResult updated = api.send(put("/api/v1/database-clusters/" + clusterId).header("If-Match", etag(clusterId)), bareManifest(name, 3));
    assertThat(updated.getResponse().getStatus()).as(body(updated)).isEqualTo(202);
    api.await(JsonPath.read(body(updated), "$.job.id"), "SUCCEEDED");

    MvcResult previewed = api.send(post("/api/v1/database-clusters/" + clusterId + ":preview"), bareManifest(name, 2));
    assertThat(previewed.getResponse().getStatus()).as(body(previewed)).isEqualTo(202);
    api.await(JsonPath.read(body(previewed), "$.job.id"), "SUCCEEDED");
  }

  @Test
  void anUpdateOfABareManifestIsRefusedWhenTheClusterHoldsNoToken() throws Exception {
    String name = uniqueName("bare");
    String clusterId = create(name);
    jdbc.sql("delete from resource_credentials where resource_id = ?").param(clusterId).update();

    MvcResult refused = api.send(put("/api/v1/database-clusters/" + clusterId).header("If-Match", etag(clusterId)), bareManifest(name, 3));
    assertThat(refused.getResponse().getStatus()).as(body(refused)).isEqualTo(422);
    assertThat(JsonPath.<List<String>>read(body(refused), "$.violations[*].rule")).containsExactly("dbplane.provider_config.token_required");

    MvcResult previewed = api.send(post("/api/v1/database-clusters/" + clusterId + ":preview"), bareManifest(name, 2));
    assertThat(previewed.getResponse().getStatus()).as(body(previewed)).isEqualTo(422);
  }

  private String create(String name) throws Exception {
    MvcResult created = api.send(post("/api/v1/database-clusters"), ServiceContract.stackInput(name, 2, 0));
    assertThat(created.getResponse().getStatus()).as(body(created)).isEqualTo(202);
    api.await(JsonPath.read(body(created), "$.job.id"), "SUCCEEDED");
    return JsonPath.read(body(created), "$.clusterId");
  }

  static String bareManifest(String name, int nodes) {
    return Manifests.json(Manifests.inProd(name, nodes));
  }

  private String etag(String clusterId) throws Exception {
    return api.send(get("/api/v1/database-clusters/" + clusterId)).getResponse().getHeader("ETag");
  }

  private long count(String table) {
    return jdbc.sql("select count(*) from " + table).query(Long.class).single();
  }
}
