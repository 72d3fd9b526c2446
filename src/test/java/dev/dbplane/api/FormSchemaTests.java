package dev.dbplane.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.dbplane.cluster.ClusterKind;
import dev.dbplane.intake.RequestIntake;
import dev.dbplane.support.Manifests;
import dev.dbplane.support.TestDatabases;
import dev.dbplane.support.TestKeys;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseClusterStackInput;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The form schemas, held by a real JSON Schema validator to the corpus: every good case passes the
 * schema of its body, and every bad case that breaks a rule of the model fails it. Each case is read
 * as the service reads it and checked in the API's canonical JSON, the form a schema speaks.
 */
@SpringBootTest(properties = "dbplane.engine=scripted")
@AutoConfigureMockMvc
class FormSchemaTests {

  private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

  @Autowired MockMvc mvc;
  private Schema manifest;
  private Schema stackInput;

  @DynamicPropertySource
  static void h2(DynamicPropertyRegistry registry) {
    TestDatabases.h2(registry);
  }

  @BeforeEach
  void schemas() throws Exception {
    manifest = REGISTRY.getSchema(served("/api/v1/database-clusters:schema"));
    stackInput = REGISTRY.getSchema(served("/api/v1/database-clusters:schema?body=stack-input"));
  }

  @TestFactory
  Stream<DynamicTest> everyGoodCasePassesAndEveryBadCaseOfTheModelFails() throws Exception {
    return CorpusTests.cases().stream()
        .filter(c -> Integer.valueOf(200).equals(c.get("status")))
        .filter(c -> Boolean.TRUE.equals(c.get("valid")) || breaksTheModel(c))
        .map(c -> DynamicTest.dynamicTest(c.get("name") + " [" + c.get("file") + "]", () -> judge(c)));
  }

  @Test
  void eachKindHasASchemaOfItsManifestAndOfItsStackInput() throws Exception {
    for (String collection : List.of("database-clusters", "database-dbs", "database-users", "database-connection-pools", "database-firewalls",
        "database-replicas")) {
      String manifestSchema = served("/api/v1/" + collection + ":schema");
      assertThat(manifestSchema).contains("\"$schema\":\"" + FormSchemas.DIALECT + "\"").doesNotContain("#/components/schemas/");
      assertThat(REGISTRY.getSchema(served("/api/v1/" + collection + ":schema?body=stack-input"))).isNotNull();
    }
    MvcResult unknown = mvc.perform(get("/api/v1/database-clusters:schema?body=form").header(TestKeys.HEADER, TestKeys.VIEWER)).andReturn();
    assertThat(unknown.getResponse().getStatus()).isEqualTo(400);
  }

  @Test
  void aClustersFormOffersPerEngineWhatTheCatalogOffers() throws Exception {
    String offered = JsonFormat.printer().print(Manifests.valid());
    assertThat(manifest.validate(offered, InputFormat.JSON)).as(offered).isEmpty();

    String retired = JsonFormat.printer().print(Manifests.withSpec(spec -> spec.setEngineVersion("12")));
    String unsized = JsonFormat.printer().print(Manifests.withSpec(spec -> spec.setSizeSlug("db-s-64vcpu-1tb")));
    String mongoVersionOnPostgres = JsonFormat.printer().print(Manifests.withSpec(spec -> spec.setEngineVersion("8.0")));

    assertThat(manifest.validate(retired, InputFormat.JSON)).as(retired).isNotEmpty();
    assertThat(manifest.validate(unsized, InputFormat.JSON)).as(unsized).isNotEmpty();
    assertThat(manifest.validate(mongoVersionOnPostgres, InputFormat.JSON)).as(mongoVersionOnPostgres).isNotEmpty();
  }

  private void judge(Map<String, Object> c) throws Exception {
    String contentType = (String) c.get("contentType");
    Message read = new RequestIntake()
        .parse(CorpusTests.body((String) c.get("file"), contentType), MediaType.parseMediaType(contentType), ManifestBodies.modelOf(ClusterKind.onSnapshot(Manifests.END_OF_LIFE_AS_OF)))
        .message();
    String canonical = JsonFormat.printer().print(read);
    Schema schema = read instanceof DigitalOceanDatabaseClusterStackInput ? stackInput : manifest;
    List<Error> errors = schema.validate(canonical, InputFormat.JSON);
    if (Boolean.TRUE.equals(c.get("valid"))) {
      assertThat(errors).as(canonical).isEmpty();
    } else {
      assertThat(errors).as("the schema lets through " + canonical).isNotEmpty();
    }
  }

  /** A bad case some of whose violations are the model's own rules (not the service's, dbplane.*). */
  private static boolean breaksTheModel(Map<String, Object> c) {
    Object violations = c.get("violations");
    return violations instanceof Collection<?> all && all.stream().map(String::valueOf).map(v -> v.substring(v.indexOf(' ') + 1))
        .anyMatch(rule -> !rule.startsWith("dbplane."));
  }

  private String served(String path) throws Exception {
    MvcResult result = mvc.perform(get(path).header(TestKeys.HEADER, TestKeys.VIEWER)).andReturn();
    assertThat(result.getResponse().getStatus()).isEqualTo(200);
    assertThat(result.getResponse().getContentType()).startsWith(FormSchemaController.MEDIA_TYPE);
    return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
  }
}
