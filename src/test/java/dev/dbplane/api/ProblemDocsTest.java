package dev.dbplane.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbplane.problem.ProblemType;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The problems the API documents are those of the vocabulary, with its titles and statuses. */
class ProblemDocsTest {

  @Test
  void everyExampleIsOfATypeOfTheVocabularyAndNamedAfterIt() {
    for (ApiResponse response : ProblemDocs.responses().values()) {
      Map<String, Example> examples =
          response.getContent().get(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE).getExamples();
      examples.forEach((name, example) -> {
        Map<?, ?> problem = (Map<?, ?>) example.getValue();
        ProblemType type = ProblemType.valueOf(name.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        assertThat(problem.get("type")).as(name).isEqualTo(type.uri().toString());
        assertThat(problem.get("title")).as(name).isEqualTo(type.title());
        assertThat(problem.get("status")).as(name).isEqualTo(type.status().value());
      });
    }
  }
}
