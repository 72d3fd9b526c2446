package dev.dbplane.api;

import static dev.dbplane.support.MvcApi.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.jayway.jsonpath.JsonPath;
import dev.dbplane.support.EngineForTests;
import dev.dbplane.support.Manifests;
import dev.dbplane.support.MvcApi;
import dev.dbplane.support.TestDatabases;
import dev.dbplane.support.TestKeys;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The catalog on a server without a DigitalOcean token: the snapshot built into the service, said
 * to be one, and what validation judges by.
 */
@SpringBootTest(properties = "dbplane.engine=scripted")
@AutoConfigureMockMvc
@Import(EngineForTests.class)
class CatalogApiTests {

  @Autowired MockMvc mvc;

  @DynamicPropertySource
  static void h2(DynamicPropertyRegistry registry) {
    TestDatabases.h2(registry);
  }

  @Test
  void withoutATokenTheSnapshotIsServedAndSaidToBeOne() throws Exception {
    MvcResult answer = new MvcApi(() -> mvc, TestKeys.VIEWER).send(get("/api/v1/catalog"));
    String catalog = body(answer);

    assertThat(answer.getResponse().getStatus()).as(catalog).isEqualTo(200);
    assertThat(JsonPath.<String>read(catalog, "$.source")).isEqualTo("snapshot");
    assertThat(JsonPath.<Object>read(catalog, "$.fetchedAt")).isNull();
    assertThat(JsonPath.<List<String>>read(catalog, "$.engines[*].engine")).contains("pg", "mysql", "redis", "valkey", "mongodb");
    assertThat(JsonPath.<List<String>>read(catalog, "$.engines[?(@.engine == 'pg')].versions[*].version"))
        .containsExactly("13", "14", "15", "16", "17");
    assertThat(JsonPath.<List<String>>read(catalog, "$.engines[?(@.engine == 'pg')].versions[?(@.version == '17')].endOfLife"))
        .containsExactly("2029-11-08T00:00:00Z");
    assertThat(JsonPath.<List<Integer>>read(catalog, "$.engines[?(@.engine == 'mongodb')].layouts[*].numNodes")).containsExactly(1, 3);
    assertThat(JsonPath.<List<String>>read(catalog, "$.engines[?(@.engine == 'pg')].regions[*]")).contains("nyc3", "fra1");
  }

  @Test
  void aClusterOfAVersionDigitalOceanDoesNotOfferIsRefusedAsAProblemSayingWhatItOffers() throws Exception {
    MvcResult refused = new MvcApi(() -> mvc, TestKeys.OPERATOR).send(post("/api/v1/database-clusters"),
        Manifests.json(Manifests.stackInput(Manifests.withSpec(s -> s.setClusterName(Manifests.uniqueName("old")).setEngineVersion("12")))));

    assertThat(refused.getResponse().getStatus()).as(body(refused)).isEqualTo(422);
    assertThat(refused.getResponse().getContentType()).isEqualTo("application/problem+json");
    assertThat(JsonPath.<List<String>>read(body(refused), "$.violations[*].rule")).containsExactly("dbplane.catalog.version_not_offered");
    assertThat(JsonPath.<List<String>>read(body(refused), "$.violations[*].message"))
        .containsExactly("DigitalOcean does not offer version 12 of postgres; it offers 13, 14, 15, 16, 17");
  }
}
