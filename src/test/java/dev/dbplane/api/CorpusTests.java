package dev.dbplane.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.google.protobuf.Message;
import com.google.protobuf.TextFormat;
import com.jayway.jsonpath.JsonPath;
import dev.dbplane.problem.ProblemType;
import dev.dbplane.support.TestKeys;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseCluster;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseClusterStackInput;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.yaml.snakeyaml.Yaml;

/**
 * Table-driven tests over the corpus in {@code src/test/resources/corpus}: each entry of
 * {@code cases.yaml} names a body file, its Content-Type and what the validate endpoint must answer.
 * Binary protobuf bodies are kept as text format ({@code .txtpb}) and encoded here.
 */
@SpringBootTest
@AutoConfigureMockMvc
class CorpusTests {

  private static final String VALIDATE = "/api/v1/database-clusters:validate";

  @Autowired MockMvc mvc;

  @TestFactory
  Stream<DynamicTest> everyCaseOfTheCorpusGetsItsExpectedAnswer() throws IOException {
    return cases().stream().map(c -> DynamicTest.dynamicTest(c.get("name") + " [" + c.get("file") + "]", () -> run(c)));
  }

  @SuppressWarnings("unchecked")
  private void run(Map<String, Object> c) throws Exception {
    String contentType = (String) c.get("contentType");
    MvcResult result =
        mvc.perform(post(VALIDATE).header(TestKeys.HEADER, TestKeys.VIEWER).contentType(contentType)
            .content(body((String) c.get("file"), contentType))).andReturn();
    String response = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
    int status = (Integer) c.get("status");
    assertThat(result.getResponse().getStatus()).as(response).isEqualTo(status);
    assertThat(response).doesNotContain("Exception").doesNotContain("at dev.dbplane");
    if (status == 200) {
      assertThat(JsonPath.<Boolean>read(response, "$.valid")).as(response).isEqualTo(c.get("valid"));
      assertThat(pairs(JsonPath.read(response, "$.violations[*]"), "field", "rule"))
          .as(response)
          .containsExactlyInAnyOrderElementsOf(strings(c.get("violations")));
      assertThat(JsonPath.<List<String>>read(response, "$.warnings[*].code"))
          .as(response)
          .containsExactlyInAnyOrderElementsOf(strings(c.get("warnings")));
      Map<String, Object> normalized = (Map<String, Object>) c.getOrDefault("normalized", Map.of());
      for (Map.Entry<String, Object> expected : normalized.entrySet()) {
        Object actual = JsonPath.read(response, "$.normalized." + expected.getKey());
        assertThat(actual).as(expected.getKey() + " in " + response).isEqualTo(expected.getValue());
      }
    } else {
      assertThat(result.getResponse().getContentType()).isEqualTo("application/problem+json");
      assertThat(JsonPath.<String>read(response, "$.type")).isEqualTo(ProblemType.PREFIX + c.get("problem"));
      if (c.containsKey("fields")) {
        List<String> fields = JsonPath.read(response, "$.violations[*].field");
        assertThat(fields).as(response).containsExactlyInAnyOrderElementsOf(strings(c.get("fields")));
      }
      if (c.containsKey("line")) {
        assertThat(JsonPath.<Integer>read(response, "$.violations[0].line")).as(response).isEqualTo(c.get("line"));
      }
      if (c.containsKey("detailContains")) {
        assertThat(JsonPath.<String>read(response, "$.detail")).as(response).contains((String) c.get("detailContains"));
      }
    }
  }

  private static List<String> pairs(List<Map<String, Object>> items, String first, String second) {
    return items.stream().map(i -> i.get(first) + " " + i.get(second)).toList();
  }

  private static List<String> strings(Object value) {
    if (value == null) {
      return List.of();
    }
    return ((Collection<?>) value).stream().map(Objects::toString).toList();
  }

  static byte[] body(String file, String contentType) throws IOException {
    byte[] raw = resource("corpus/" + file);
    if (!file.endsWith(".txtpb")) {
      return raw;
    }
    Message.Builder builder =
        file.contains("stack-input") ? DigitalOceanDatabaseClusterStackInput.newBuilder() : DigitalOceanDatabaseCluster.newBuilder();
    TextFormat.merge(new String(raw, StandardCharsets.UTF_8), builder);
    return builder.build().toByteArray();
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> cases() throws IOException {
    List<Map<String, Object>> cases = new ArrayList<>();
    for (Object c : (List<Object>) new Yaml().load(new String(resource("corpus/cases.yaml"), StandardCharsets.UTF_8))) {
      cases.add((Map<String, Object>) c);
    }
    return cases;
  }

  private static byte[] resource(String path) throws IOException {
    try (InputStream in = CorpusTests.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IOException("no test resource " + path);
      }
      return in.readAllBytes();
    }
  }
}
