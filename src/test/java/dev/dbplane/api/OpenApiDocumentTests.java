package dev.dbplane.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.jayway.jsonpath.JsonPath;
import dev.dbplane.idempotency.IdempotencyFilter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseClusterStackInput;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The committed {@code openapi/openapi.yaml} is the document the service serves, and it is one an
 * operator can work from in Swagger UI. To refresh it after an API change: {@code
 * DBPLANE_WRITE_OPENAPI=true ./mvnw test -Dtest=OpenApiDocumentTests}.
 */
@SpringBootTest
@AutoConfigureMockMvc
class OpenApiDocumentTests {

  private static final Path COMMITTED = Path.of("openapi", "openapi.yaml");
  private static final String MANIFEST_BODY = "$.components.requestBodies.ClusterManifest.content";

  @Autowired MockMvc mvc;

  private String served() throws Exception {
    return mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
  }

  @Test
  void theCommittedDocumentIsCurrent() throws Exception {
    String served =
        mvc.perform(get("/v3/api-docs.yaml")).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    if ("true".equals(System.getenv("DBPLANE_WRITE_OPENAPI"))) {
      Files.createDirectories(COMMITTED.getParent());
      Files.writeString(COMMITTED, served);
    }
    assertThat(Files.exists(COMMITTED)).as(COMMITTED + " is missing; see this class's comment").isTrue();
    assertThat(Files.readString(COMMITTED))
        .as(COMMITTED + " is out of date; see this class's comment to refresh it")
        .isEqualTo(served);
  }

  @Test
  void theDocumentHasAnExampleForEachFormatAndNoSecret() throws Exception {
    String served = served();
    assertThat(served).contains("application/yaml", "application/x-protobuf", "application/json", "application/problem+json");
    assertThat(served).doesNotContain("dop_v1_");
  }

  @Test
  void jsonAndYamlHaveABareManifestAndAStackInputAndProtobufSaysWhichMessages() throws Exception {
    String served = served();
    for (String format : List.of("application/json", "application/yaml")) {
      Map<String, ?> examples = JsonPath.read(served, MANIFEST_BODY + "['" + format + "'].examples");
      assertThat(examples).as(format).containsOnlyKeys("bare manifest", "stack input");
      assertThat(JsonPath.<Object>read(served, MANIFEST_BODY + "['" + format + "'].examples['stack input'].value").toString())
          .as(format).contains("providerConfig", "apiToken");
    }
    assertThat(JsonPath.<String>read(served, MANIFEST_BODY + "['application/x-protobuf'].schema.description"))
        .contains("DigitalOceanDatabaseCluster", "messageType=" + DigitalOceanDatabaseClusterStackInput.getDescriptor().getFullName());
  }

  @Test
  void theJsonBodyHasTheModelsSchemaWithItsFieldsAndEnums() throws Exception {
    String served = served();
    assertThat(JsonPath.<String>read(served, MANIFEST_BODY + "['application/json'].schema['$ref']"))
        .as("one named type for a generated client").isEqualTo("#/components/schemas/DatabaseClusterSubmission");
    String schemas = "$.components.schemas.";
    List<String> either = JsonPath.read(served, schemas + "DatabaseClusterSubmission.oneOf[*]['$ref']");
    assertThat(either).containsExactly(
        "#/components/schemas/DigitalOceanDatabaseCluster", "#/components/schemas/DigitalOceanDatabaseClusterStackInput");
    assertThat(JsonPath.<Map<String, ?>>read(served, schemas + "DigitalOceanDatabaseClusterStackInput.properties"))
        .containsOnlyKeys("target", "providerConfig");
    assertThat(JsonPath.<Map<String, ?>>read(served, schemas + "DigitalOceanDatabaseClusterSpec.properties")).containsOnlyKeys(
        "clusterName", "engine", "engineVersion", "region", "sizeSlug", "nodeCount", "vpc", "storageGib", "enablePublicConnectivity");
    assertThat(JsonPath.<List<String>>read(served, schemas + "DigitalOceanDatabaseClusterSpec.properties.engine.enum"))
        .containsExactly("postgres", "pg", "mysql", "redis", "mongodb", "valkey");
    assertThat(JsonPath.<List<String>>read(served, schemas + "DigitalOceanDatabaseClusterSpec.properties.region.enum"))
        .contains("nyc3", "fra1").doesNotContain("digital_ocean_region_unspecified");
    assertThat(JsonPath.<List<String>>read(served, schemas + "DigitalOceanDatabaseClusterSpec.required"))
        .contains("clusterName", "engine", "nodeCount").doesNotContain("vpc");
    assertThat(JsonPath.<Integer>read(served, schemas + "DigitalOceanDatabaseClusterSpec.properties.nodeCount.maximum")).isEqualTo(3);
    assertThat(JsonPath.<List<String>>read(served, schemas + "DigitalOceanDatabaseCluster.properties.kind.enum"))
        .containsExactly("DigitalOceanDatabaseCluster");
    assertThat(JsonPath.<Map<String, ?>>read(served, schemas + "DigitalOceanProviderConfig.properties")).containsKeys("apiToken", "defaultRegion");
    assertThat(JsonPath.<String>read(served, schemas + "StringValueOrRef.description")).contains("at most one of value, valueFrom");
  }

  @Test
  void everyProblemStatusHasAnExampleOfThatStatus() throws Exception {
    String served = served();
    Map<String, Map<String, Map<String, Object>>> paths = JsonPath.read(served, "$.paths");
    Set<Integer> documented = new TreeSet<>();
    List<String> mismatches = new ArrayList<>();
    paths.forEach((path, operations) -> operations.forEach((method, operation) -> {
      Map<String, Map<String, Object>> responses = (Map<String, Map<String, Object>>) operation.get("responses");
      responses.forEach((status, response) -> {
        if (Integer.parseInt(status) < 400) {
          return;
        }
        Object ref = response.get("$ref");
        assertThat(ref).as(method + " " + path + " " + status + " is a shared problem response").isNotNull();
        String name = ref.toString().substring(ref.toString().lastIndexOf('/') + 1);
        List<Integer> statuses = JsonPath.read(served, "$.components.responses." + name + ".content['application/problem+json'].examples[*].value.status");
        assertThat(statuses).as(name).isNotEmpty();
        if (!statuses.stream().allMatch(s -> s == Integer.parseInt(status))) {
          mismatches.add(method + " " + path + " " + status + " shows " + name + " " + statuses);
        }
        documented.add(Integer.parseInt(status));
      });
    }));
    assertThat(mismatches).isEmpty();
    assertThat(documented).contains(400, 401, 403, 404, 409, 412, 413, 415, 422, 428, 429);
  }

  @Test
  void everyPostTakesAnIdempotencyKeyAndUpdatesRequireIfMatch() throws Exception {
    String served = served();
    List<String> posts = JsonPath.read(served, "$.paths.*.post.operationId");
    List<String> withKey = JsonPath.read(served, "$.paths.*.post[?(@.parameters[*]['$ref'] contains '#/components/parameters/IdempotencyKey')].operationId");
    assertThat(posts).hasSizeGreaterThan(5);
    assertThat(withKey).containsExactlyInAnyOrderElementsOf(posts);
    assertThat(JsonPath.<String>read(served, "$.components.parameters.IdempotencyKey.name")).isEqualTo(IdempotencyFilter.HEADER);
    assertThat(JsonPath.<String>read(served, "$.components.parameters.IdempotencyKey.in")).isEqualTo("header");
    List<Boolean> ifMatch = JsonPath.read(served, "$.paths['/api/v1/database-clusters/{id}'].put.parameters[?(@.name == 'If-Match')].required");
    assertThat(ifMatch).containsExactly(true);
  }

  @Test
  void tagsAreDescribedInTheOrderAnOperatorWorksAndEachPathParameterHasOneName() throws Exception {
    String served = served();
    assertThat(JsonPath.<List<String>>read(served, "$.tags[*].name")).containsExactly("database-clusters", "database-dbs", "database-users", "database-connection-pools",
        "database-firewalls", "database-replicas", "jobs", "policies", "catalog", "webhooks", "admin");
    assertThat(JsonPath.<List<String>>read(served, "$.tags[*].description")).hasSize(11).allSatisfy(d -> assertThat(d).isNotBlank());
    Set<String> names = new TreeSet<>();
    Map<String, ?> paths = JsonPath.read(served, "$.paths");
    Matcher variable = Pattern.compile("\\{(\\w+)}").matcher(String.join(" ", paths.keySet()));
    while (variable.find()) {
      names.add(variable.group(1));
    }
    assertThat(names).containsExactly("id", "webhookId");
  }

  @Test
  void theKeyReadsAsWrittenAndNoBearerTokenIsOfferedWithoutAnIssuer() throws Exception {
    String served = served();
    assertThat(JsonPath.<String>read(served, "$.components.securitySchemes.apiKey.description")).contains("`dbp_<id>_<secret>`");
    assertThat(JsonPath.<Map<String, ?>>read(served, "$.components.securitySchemes")).containsOnlyKeys("apiKey");
    assertThat(JsonPath.<List<?>>read(served, "$.security[*].bearer")).isEmpty();
  }

  @Nested
  @TestPropertySource(properties = "spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://127.0.0.1:9/jwks")
  class WithAnIssuer {

    @Test
    void bearerTokensAreOffered() throws Exception {
      String served = served();
      assertThat(JsonPath.<Map<String, ?>>read(served, "$.components.securitySchemes")).containsOnlyKeys("apiKey", "bearer");
      assertThat(JsonPath.<List<?>>read(served, "$.security[*].bearer")).hasSize(1);
    }
  }
}
