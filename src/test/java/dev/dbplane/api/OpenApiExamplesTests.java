package dev.dbplane.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.dbplane.support.MvcApi;
import dev.dbplane.support.TestKeys;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/** The answers shown in Swagger UI are the service's own answers to the requests they describe. */
@SpringBootTest
@AutoConfigureMockMvc
class OpenApiExamplesTests {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final MvcApi api;

  @Autowired
  OpenApiExamplesTests(MockMvc mvc) {
    this.api = new MvcApi(mvc, TestKeys.VIEWER);
  }

  @Test
  void theInvalidReportIsTheAnswerForTheYamlExampleWithABadNameAndNoSize() throws Exception {
    String yaml =
        OpenApiExamples.MANIFEST_YAML.replace("clusterName: orders-db", "clusterName: Orders_DB").replace("  sizeSlug: db-s-2vcpu-4gb\n", "");

    assertThat(JSON.readTree(validate(yaml))).isEqualTo(JSON.readTree(OpenApiExamples.INVALID_REPORT));
  }

  @Test
  void theProblemIsTheAnswerForTheYamlExampleWithAMisspeltEngineAndAWordForTheNodeCount() throws Exception {
    String yaml = OpenApiExamples.MANIFEST_YAML.replace("engine: postgres", "engine: postgress").replace("nodeCount: 2", "nodeCount: two");

    assertThat(JSON.readTree(validate(yaml))).isEqualTo(JSON.readTree(OpenApiExamples.PROBLEM));
  }

  @Test
  void theBareManifestReportIsTheAnswerForTheYamlExample() throws Exception {
    assertThat(JSON.readTree(validate(OpenApiExamples.MANIFEST_YAML))).isEqualTo(JSON.readTree(OpenApiExamples.REPORT_WITHOUT_TOKEN));
  }

  private String validate(String yaml) throws Exception {
    return MvcApi.body(api.send(post("/api/v1/database-clusters:validate").contentType("application/yaml").content(yaml)));
  }
}
