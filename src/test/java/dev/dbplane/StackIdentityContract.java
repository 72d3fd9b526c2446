package dev.dbplane;

import static dev.dbplane.support.Manifests.uniqueName;
import static dev.dbplane.support.MvcApi.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import com.jayway.jsonpath.JsonPath;
import dev.dbplane.support.EngineForTests;
import dev.dbplane.support.Manifests;
import dev.dbplane.support.MvcApi;
import dev.dbplane.support.TestKeys;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.project_planton.shared.CloudResourceMetadata;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * One stack, one cluster, for the cluster's whole life, through the REST API with the scripted
 * engine: look-alike manifests are refused at create, naming the cluster whose stack it is; stack
 * labels cannot change; no stack name leaves the data directory. One thin subclass per database.
 */
@SpringBootTest(properties = {"dbplane.engine=scripted", "dbplane.jobs.polling-interval=200ms"})
@AutoConfigureMockMvc
@Import(EngineForTests.class)
abstract class StackIdentityContract {

  private static final String FQDN = "pulumi.project-planton.org/stack.fqdn";

  @Autowired MockMvc mvc;
  @Autowired JdbcClient jdbc;
  private final MvcApi api = new MvcApi(() -> mvc, TestKeys.OPERATOR);

  @Test
  void clustersThatWouldShareAStackAreRefusedNamingTheClusterWhoseStackItIs() throws Exception {
    String alpha = uniqueName("alpha");
    String alphaId = createAndAwait(manifest(alpha, alpha, Map.of()));
    long jobs = count("jobs");

    List<String> lookAlikes = List.of(
        manifest(uniqueName("gamma"), alpha, Map.of()),
        manifest(uniqueName("gamma"), alpha.toUpperCase(java.util.Locale.ROOT).replace('-', ' '), Map.of()),
        manifest(uniqueName("gamma"), "other", Map.of(FQDN, "acme/dbplane/prod." + alpha)),
        manifest(uniqueName("gamma"), "other", Map.of(
            "pulumi.project-planton.org/organization", "globex", "pulumi.project-planton.org/project", "DBPLANE",
            "pulumi.project-planton.org/stack.name", "Prod." + alpha.toUpperCase(java.util.Locale.ROOT))));
    for (String lookAlike : lookAlikes) {
      MvcResult refused = api.send(post("/api/v1/database-clusters"), lookAlike);
      assertThat(refused.getResponse().getStatus()).as(body(refused)).isEqualTo(409);
      assertThat(refused.getResponse().getContentType()).isEqualTo("application/problem+json");
      assertThat(JsonPath.<String>read(body(refused), "$.type")).endsWith("stack-in-use");
      assertThat(JsonPath.<String>read(body(refused), "$.detail")).contains("acme/dbplane/prod." + alpha, "of cluster " + alpha);
      assertThat(JsonPath.<String>read(body(refused), "$.cluster")).isEqualTo("/api/v1/database-clusters/" + alphaId);
      assertThat(JsonPath.<String>read(body(refused), "$.violations[0].field")).startsWith("target.metadata.");
      assertThat(JsonPath.<String>read(body(refused), "$.violations[0].rule")).isEqualTo("dbplane.stack.unique");
    }
    assertThat(count("jobs")).isEqualTo(jobs);
    assertThat(count("resources where stack_key = 'dbplane/prod." + alpha + "'")).isEqualTo(1);

    String gamma = uniqueName("gamma");
    MvcResult own = api.send(post("/api/v1/database-clusters"), manifest(gamma, gamma, Map.of()));
    assertThat(own.getResponse().getStatus()).as(body(own)).isEqualTo(202);
  }

  @Test
  void twoConcurrentCreatesOfOneStackMakeOneCluster() throws Exception {
    String shared = uniqueName("race");
    List<CompletableFuture<MvcResult>> creates = List.of(uniqueName("race-a"), uniqueName("race-b")).stream()
        .map(name -> CompletableFuture.supplyAsync(() -> {
          try {
            return api.send(post("/api/v1/database-clusters"), manifest(name, shared, Map.of()));
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }))
        .toList();
    List<Integer> statuses = creates.stream().map(CompletableFuture::join).map(r -> r.getResponse().getStatus()).sorted().toList();

    assertThat(statuses).containsExactly(202, 409);
    assertThat(count("resources where stack_key = 'dbplane/prod." + shared + "'")).isEqualTo(1);
  }

  @Test
  void theDatabaseItselfAllowsOneClusterPerStack() {
    String key = "dbplane/prod." + uniqueName("direct");
    insertCluster(uniqueName("direct"), key);
    assertThatThrownBy(() -> insertCluster(uniqueName("direct"), key)).isInstanceOf(DuplicateKeyException.class);
  }

  @Test
  void anUpdateKeepsTheStackItWasCreatedInAndRefusesToChangeItsLabels() throws Exception {
    String name = uniqueName("fixed");
    Map<String, String> label = Map.of(FQDN, "acme/dbplane/prod." + name);
    String clusterId = createAndAwait(manifest(name, name, label));

    for (Map<String, String> changed : List.of(Map.of(FQDN, "acme/dbplane/prod.elsewhere"), Map.<String, String>of())) {
      MvcResult refused = api.send(put("/api/v1/database-clusters/" + clusterId).header("If-Match", etag(clusterId)), manifest(name, name, changed));
      assertThat(refused.getResponse().getStatus()).as(body(refused)).isEqualTo(422);
      assertThat(JsonPath.<List<String>>read(body(refused), "$.violations[*].rule")).containsExactly("dbplane.change.stack_fixed");
      assertThat(JsonPath.<List<String>>read(body(refused), "$.violations[*].field")).containsExactly("target.metadata.labels[\"" + FQDN + "\"]");
      assertThat(JsonPath.<List<String>>read(body(refused), "$.violations[*].message").get(0)).contains("acme/dbplane/prod." + name);
    }

    MvcResult renamed = api.send(put("/api/v1/database-clusters/" + clusterId).header("If-Match", etag(clusterId)), manifest(name, "renamed", label));
    assertThat(renamed.getResponse().getStatus()).as(body(renamed)).isEqualTo(202);
    assertThat(stackOf(clusterId)).isEqualTo("acme/dbplane/prod." + name);
  }

  @Test
  void aRenameOfTheMetadataKeepsTheStackSaysSoAndStillHoldsIt() throws Exception {
    String name = uniqueName("kept");
    String clusterId = createAndAwait(manifest(name, name, Map.of()));

    MvcResult renamed = api.send(put("/api/v1/database-clusters/" + clusterId).header("If-Match", etag(clusterId)), manifest(name, "renamed-" + name, Map.of()));
    assertThat(renamed.getResponse().getStatus()).as(body(renamed)).isEqualTo(202);
    assertThat(JsonPath.<List<String>>read(body(renamed), "$.warnings[*].code")).contains("dbplane.stack_kept");
    assertThat(jdbc.sql("select spec_json from jobs where id = ?").param(JsonPath.<String>read(body(renamed), "$.job.id")).query(String.class).single())
        .contains("\"stack\":{\"organization\":\"acme\",\"project\":\"dbplane\",\"stack\":\"prod." + name + "\"}");
    assertThat(stackOf(clusterId)).isEqualTo("acme/dbplane/prod." + name);

    MvcResult taken = api.send(post("/api/v1/database-clusters"), manifest(uniqueName("late"), name, Map.of()));
    assertThat(taken.getResponse().getStatus()).as(body(taken)).isEqualTo(409);
  }

  @Test
  void stackNamesThatLeaveTheDataDirectoryAreRefusedAtValidateTime() throws Exception {
    for (String fqdn : List.of("../../escaped", "../../..", "acme/../prod", "acme/dbplane/" + "s".repeat(101))) {
      String manifest = manifest(uniqueName("escape"), "escape", Map.of(FQDN, fqdn));
      MvcResult judged = api.send(post("/api/v1/database-clusters:validate"), manifest);
      assertThat(JsonPath.<Boolean>read(body(judged), "$.valid")).as(body(judged)).isFalse();
      assertThat(JsonPath.<List<String>>read(body(judged), "$.violations[*].field")).containsExactly("target.metadata.labels[\"" + FQDN + "\"]");
      assertThat(JsonPath.<List<String>>read(body(judged), "$.violations[*].rule")).containsExactly("dbplane.stack_fqdn.format");
      assertThat(api.send(post("/api/v1/database-clusters"), manifest).getResponse().getStatus()).isEqualTo(422);
    }
    MvcResult derived = api.send(post("/api/v1/database-clusters"), manifest(uniqueName("escape"), metadata -> metadata.setName("escape").setOrg("..")));
    assertThat(derived.getResponse().getStatus()).isEqualTo(422);
    assertThat(JsonPath.<List<String>>read(body(derived), "$.violations[*].field")).containsExactly("target.metadata.org");
  }

  // --- helpers

  /** A stack input of acme's prod environment on two nodes, its metadata named {@code metadataName} and with these labels. */
  private static String manifest(String clusterName, String metadataName, Map<String, String> labels) {
    return manifest(clusterName, metadata -> metadata.setName(metadataName).putAllLabels(labels));
  }

  /** A stack input of acme's prod environment on two nodes, with one change to its metadata. */
  private static String manifest(String clusterName, Consumer<CloudResourceMetadata.Builder> change) {
    return Manifests.json(Manifests.stackInput(Manifests.inProd(clusterName, 2, change), "dop_v1_STACK_IDENTITY_TOKEN"));
  }

  /** Creates the cluster, waits for its first UP to succeed, and returns its id. */
  private String createAndAwait(String json) throws Exception {
    MvcResult created = api.send(post("/api/v1/database-clusters"), json);
    assertThat(created.getResponse().getStatus()).as(body(created)).isEqualTo(202);
    api.await(JsonPath.read(body(created), "$.job.id"), "SUCCEEDED");
    return JsonPath.read(body(created), "$.clusterId");
  }

  private String etag(String clusterId) throws Exception {
    return api.send(get("/api/v1/database-clusters/" + clusterId)).getResponse().getHeader("ETag");
  }

  private String stackOf(String clusterId) {
    return jdbc.sql("select stack_name from resources where id = ?").param(clusterId).query(String.class).single();
  }

  private void insertCluster(String name, String stackKey) {
    jdbc.sql(
            """
            insert into resources (id, kind, name, name_key, org, env, engine, region, stack_name, stack_key, spec_version, manifest, state,
                                   created_by, created_at, updated_at)
            values (?, 'DigitalOceanDatabaseCluster', ?, ?, 'acme', 'prod', 'pg', 'NYC3', ?, ?, 1, ?, 'READY', 'test', current_timestamp,
                    current_timestamp)
            """)
        .params(UUID.randomUUID().toString(), name, "DigitalOceanDatabaseCluster/" + name, "acme/" + stackKey, stackKey, new byte[0])
        .update();
  }

  private long count(String tableAndWhere) {
    return jdbc.sql("select count(*) from " + tableAndWhere).query(Long.class).single();
  }
}
