package dev.dbplane.api;

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
import dev.dbplane.support.TestDatabases;
import dev.dbplane.support.TestKeys;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseCluster;
import org.project_planton.shared.foreignkey.v1.StringValueOrRef;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * Policies per environment, as configured: enforced at validate, create and update in the problem shape of
 * every rule (each field as the request wrote it), advised where the environment says so, and
 * listed for portals.
 */
@SpringBootTest(properties = {
    "dbplane.engine=scripted",
    "dbplane.policy.environments.prod.min-node-count=2",
    "dbplane.policy.environments.prod.vpc-required=true",
    "dbplane.policy.environments.prod.allowed-regions=nyc3,ams3",
    "dbplane.policy.environments.prod.max-clusters-per-org=1",
    "dbplane.policy.environments.staging.mode=advise",
    "dbplane.policy.environments.staging.min-node-count=2"})
@AutoConfigureMockMvc
@Import(EngineForTests.class)
class PolicyApiTests {

  private static final String CLUSTERS = "/api/v1/database-clusters";
  private static final String VPC = "0c8e4a2e-1e8f-4f5e-9b1a-2f3c4d5e6f70";

  @Autowired MockMvc mvc;
  @Autowired JdbcClient jdbc;
  private final MvcApi api = new MvcApi(() -> mvc, TestKeys.OPERATOR);

  @DynamicPropertySource
  static void h2(DynamicPropertyRegistry registry) {
    TestDatabases.h2(registry);
  }

  @Test
  void aClusterThatBreaksItsEnvironmentsRulesIsRefusedWithEachRuleAtItsFieldAndNothingIsWritten() throws Exception {
    DigitalOceanDatabaseCluster single = Manifests.inProd(uniqueName("policy"), 1).build();
    long before = count();

    MvcResult judged = api.send(post(CLUSTERS + ":validate"), Manifests.json(Manifests.stackInput(single)));
    assertThat(JsonPath.<Boolean>read(body(judged), "$.valid")).isFalse();
    assertThat(JsonPath.<List<String>>read(body(judged), "$.violations[*].rule"))
        .containsExactly("dbplane.policy.min_node_count", "dbplane.policy.vpc_required");

    MvcResult refused = api.send(post(CLUSTERS), Manifests.json(Manifests.stackInput(single)));
    assertThat(refused.getResponse().getStatus()).as(body(refused)).isEqualTo(422);
    assertThat(JsonPath.<String>read(body(refused), "$.type")).isEqualTo("urn:dbplane:problem:invalid-spec");
    assertThat(JsonPath.<List<String>>read(body(refused), "$.violations[*].field")).containsExactly("target.spec.nodeCount", "target.spec.vpc");
    assertThat(count()).isEqualTo(before);
  }

  @Test
  void whereTheEnvironmentAdvisesTheClusterIsAcceptedWithTheRuleAsAWarning() throws Exception {
    DigitalOceanDatabaseCluster single = Manifests.inProd(uniqueName("advised"), 1, metadata -> metadata.setEnv("staging"));

    MvcResult accepted = api.send(post(CLUSTERS), Manifests.json(Manifests.stackInput(single)));

    assertThat(accepted.getResponse().getStatus()).as(body(accepted)).isEqualTo(202);
    assertThat(JsonPath.<List<String>>read(body(accepted), "$.warnings[*].code")).contains("dbplane.policy.min_node_count");
  }

  @Test
  void anOrgHasNoMoreClustersInTheEnvironmentThanItsPolicyAllows() throws Exception {
    MvcResult first = api.send(post(CLUSTERS), Manifests.json(Manifests.stackInput(compliant(uniqueName("quota-a"), "quota-org"))));
    assertThat(first.getResponse().getStatus()).as(body(first)).isEqualTo(202);

    MvcResult second = api.send(post(CLUSTERS), Manifests.json(Manifests.stackInput(compliant(uniqueName("quota-b"), "quota-org"))));

    assertThat(second.getResponse().getStatus()).as(body(second)).isEqualTo(422);
    assertThat(JsonPath.<List<String>>read(body(second), "$.violations[*].rule")).containsExactly("dbplane.policy.max_clusters_per_org");
    assertThat(JsonPath.<List<String>>read(body(second), "$.violations[*].field")).containsExactly("target.metadata.org");
    MvcResult elsewhere = api.send(post(CLUSTERS), Manifests.json(Manifests.stackInput(compliant(uniqueName("quota-c"), "other-org"))));
    assertThat(elsewhere.getResponse().getStatus()).as(body(elsewhere)).isEqualTo(202);
  }

  @Test
  void anUpdateThatWouldBreakTheRulesIsRefusedAndTheClusterKeepsItsSpec() throws Exception {
    MvcResult created = api.send(post(CLUSTERS), Manifests.json(Manifests.stackInput(compliant(uniqueName("shrink"), "shrink-org"))));
    String clusterId = JsonPath.read(body(created), "$.clusterId");
    api.await(JsonPath.read(body(created), "$.job.id"), "SUCCEEDED");
    DigitalOceanDatabaseCluster.Builder fewer = compliant(JsonPath.read(body(api.send(get(CLUSTERS + "/" + clusterId))), "$.name"), "shrink-org")
        .toBuilder();
    fewer.getSpecBuilder().setNodeCount(1);
    String etag = api.send(get(CLUSTERS + "/" + clusterId)).getResponse().getHeader("ETag");

    MvcResult refused = api.send(put(CLUSTERS + "/" + clusterId).header("If-Match", etag), Manifests.json(Manifests.stackInput(fewer.build())));

    assertThat(refused.getResponse().getStatus()).as(body(refused)).isEqualTo(422);
    assertThat(JsonPath.<List<String>>read(body(refused), "$.violations[*].rule")).containsExactly("dbplane.policy.min_node_count");
    assertThat(api.send(get(CLUSTERS + "/" + clusterId)).getResponse().getHeader("ETag")).isEqualTo(etag);
  }

  @Test
  void thePoliciesAreListedForPortals() throws Exception {
    String listed = body(new MvcApi(() -> mvc, TestKeys.VIEWER).send(get("/api/v1/policies")));

    assertThat(JsonPath.<List<String>>read(listed, "$.environments[*].env")).containsExactly("prod", "staging");
    assertThat(JsonPath.<List<String>>read(listed, "$.environments[*].mode")).containsExactly("enforce", "advise");
    assertThat(JsonPath.<List<String>>read(listed, "$.environments[0].rules[*].id")).containsExactly(
        "dbplane.policy.min_node_count", "dbplane.policy.vpc_required", "dbplane.policy.allowed_regions", "dbplane.policy.max_clusters_per_org");
    assertThat(JsonPath.<String>read(listed, "$.environments[0].rules[0].requirement")).isEqualTo("at least 2");
  }

  private static DigitalOceanDatabaseCluster compliant(String name, String org) {
    DigitalOceanDatabaseCluster.Builder cluster = Manifests.inProd(name, 2);
    cluster.getMetadataBuilder().setOrg(org);
    cluster.getSpecBuilder().setVpc(StringValueOrRef.newBuilder().setValue(VPC));
    return cluster.build();
  }

  private long count() {
    return jdbc.sql("select count(*) from resources").query(Long.class).single();
  }
}
