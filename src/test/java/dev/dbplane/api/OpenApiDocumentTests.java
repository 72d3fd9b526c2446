package dev.dbplane.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The committed {@code openapi/openapi.yaml} is the document the service serves. To refresh it after
 * an API change: {@code DBPLANE_WRITE_OPENAPI=true ./mvnw test -Dtest=OpenApiDocumentTests}.
 */
@SpringBootTest
@AutoConfigureMockMvc
class OpenApiDocumentTests {

  private static final Path COMMITTED = Path.of("openapi", "openapi.yaml");

  @Autowired MockMvc mvc;

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
    String served =
        mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    assertThat(served).contains("application/yaml", "application/x-protobuf", "application/json", "application/problem+json");
    assertThat(served).doesNotContain("dop_v1_");
  }
}
