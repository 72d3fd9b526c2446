package dev.dbplane.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.google.protobuf.Message;
import dev.dbplane.cluster.ClusterKind;
import dev.dbplane.cluster.ClusterSpec;
import dev.dbplane.resource.ResourceRequest;
import dev.dbplane.resource.ResourceValidator;
import dev.dbplane.resource.Violation;
import dev.dbplane.support.Manifests;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseCluster;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseClusterStackInput;
import org.springframework.http.MediaType;

/**
 * The field paths the rules report are named as the body spells them, with the 1-based line and
 * column of the value in a JSON or YAML body when the body holds the field. The paths are those the
 * cluster's rules report for the bodies read.
 */
class CallerFieldsTest {

  private static final RequestIntake INTAKE = new RequestIntake();
  private static final ResourceValidator<DigitalOceanDatabaseCluster, ClusterSpec> VALIDATOR = new ResourceValidator<>(ClusterKind.onSnapshot(Manifests.END_OF_LIFE_AS_OF), false);
  private static final Message STACK_INPUT = DigitalOceanDatabaseClusterStackInput.getDefaultInstance();
  private static final BodyModel CLUSTER = new BodyModel(
      List.of(DigitalOceanDatabaseCluster.getDefaultInstance(), STACK_INPUT),
      Map.of("target", STACK_INPUT, "provider_config", STACK_INPUT, "providerConfig", STACK_INPUT),
      message -> 0);

  /** A broken rule, with its field as the caller wrote it. */
  private record Located(String field, String rule, @Nullable Integer line, @Nullable Integer column) {}

  private static RequestIntake.Parsed parse(byte[] body, MediaType type) {
    return INTAKE.parse(body, type, CLUSTER);
  }

  private static ResourceRequest<DigitalOceanDatabaseCluster> request(Message message) {
    return message instanceof DigitalOceanDatabaseClusterStackInput stackInput
        ? ResourceRequest.ofStackInput(stackInput, DigitalOceanDatabaseCluster.class)
        : ResourceRequest.of((DigitalOceanDatabaseCluster) message);
  }

  private static List<Located> violations(String body, MediaType type) {
    return violations(body.getBytes(StandardCharsets.UTF_8), type);
  }

  private static List<Located> violations(byte[] body, MediaType type) {
    RequestIntake.Parsed parsed = parse(body, type);
    List<Violation> violations = VALIDATOR.validate(request(parsed.message())).violations();
    return violations.stream()
        .map(v -> {
          CallerFields.Located at = parsed.fields().locate(v.field());
          return new Located(at.field(), v.rule(), at.line(), at.column());
        })
        .toList();
  }

  @Test
  void aYamlManifestNamesCamelCaseFieldsAtTheirValues() {
    assertThat(violations(Manifests.MISWRITTEN_YAML, RequestIntake.APPLICATION_YAML))
        .extracting(v -> v.field(), v -> v.rule(), v -> v.line(), v -> v.column())
        .containsExactlyInAnyOrder(
            tuple("spec.clusterName", "dbplane.cluster_name.format", 6, 16),
            tuple("spec.nodeCount", "uint32.gte_lte", 10, 14),
            tuple("spec.sizeSlug", "required", null, null));
  }

  @Test
  void aFieldOfAFlowMappingIsPlacedAtItsValue() {
    String yaml = "apiVersion: digital-ocean.project-planton.org/v1\nkind: DigitalOceanDatabaseCluster\nmetadata: {name: a}\n"
        + "spec: {clusterName: orders-db, engine: postgres, engineVersion: '16', region: nyc3, sizeSlug: db-s-2vcpu-4gb, nodeCount: 9}\n";

    assertThat(violations(yaml, RequestIntake.APPLICATION_YAML))
        .containsExactly(new Located("spec.nodeCount", "uint32.gte_lte", 4, 122));
  }

  @Test
  void aJsonStackInputNamesFieldsUnderTargetWithTheirPlace() {
    String json =
        """
        {"target": {"apiVersion": "digital-ocean.project-planton.org/v1", "kind": "DigitalOceanDatabaseCluster",
          "metadata": {"name": "orders", "labels": {"team": "a\\u200Bb"}, "tags": ["ok", "bad\\u0000tag"]},
          "spec": {"clusterName": "Bad_Name", "engine": "postgres", "engineVersion": "16", "region": "nyc3",
                   "sizeSlug": "db-s-2vcpu-4gb", "nodeCount": 2, "storageGib": 5}},
         "providerConfig": {"apiToken": "dop_v1_x", "defaultRegion": "nyc3"}}
        """;

    assertThat(violations(json, MediaType.APPLICATION_JSON))
        .extracting(v -> v.field(), v -> v.line(), v -> v.column())
        .containsExactlyInAnyOrder(
            tuple("target.metadata.labels[\"team\"]", 2, 53),
            tuple("target.metadata.tags[1]", 2, 81),
            tuple("target.spec.clusterName", 3, 27),
            tuple("target.spec.storageGib", 4, 72));
  }

  @Test
  void aSnakeCaseBodyKeepsSnakeCaseAlsoForTheFieldsItLacks() {
    String json =
        """
        {"target": {"api_version": "digital-ocean.project-planton.org/v1", "kind": "DigitalOceanDatabaseCluster",
          "metadata": {"name": "orders"},
          "spec": {"cluster_name": "Bad_Name", "engine": "postgres", "engine_version": "16", "region": "nyc3", "node_count": 2}},
         "provider_config": {"api_token": "", "default_region": "nyc3"}}
        """;

    assertThat(violations(json, MediaType.APPLICATION_JSON))
        .extracting(v -> v.field(), v -> v.line())
        .containsExactlyInAnyOrder(
            tuple("target.spec.cluster_name", 3),
            tuple("target.spec.size_slug", null),
            tuple("provider_config.api_token", 4));
  }

  @Test
  void aYamlScalarReadAsTextKeepsItsPlace() {
    String yaml = "apiVersion: digital-ocean.project-planton.org/v1\nkind: DigitalOceanDatabaseCluster\nmetadata: {name: a}\nspec:\n"
        + "  clusterName: 123\n  engine: POSTGRES\n  engineVersion: 16\n  region: nyc3\n  sizeSlug: db-s-2vcpu-4gb\n  nodeCount: 2\n";

    assertThat(violations(yaml, RequestIntake.APPLICATION_YAML))
        .extracting(v -> v.field(), v -> v.line(), v -> v.column())
        .containsExactly(tuple("spec.clusterName", 5, 16));
  }

  @Test
  void aBareManifestNamesTheMissingTokenInTheCallersSpelling() {
    String json =
        """
        {"apiVersion": "digital-ocean.project-planton.org/v1", "kind": "DigitalOceanDatabaseCluster", "metadata": {"name": "a"},
         "spec": {"clusterName": "orders-db", "engine": "postgres", "engineVersion": "16", "region": "nyc3",
                  "sizeSlug": "db-s-2vcpu-4gb", "nodeCount": 2}}
        """;
    RequestIntake.Parsed parsed = parse(json.getBytes(StandardCharsets.UTF_8), MediaType.APPLICATION_JSON);

    assertThat(VALIDATOR.validate(request(parsed.message())).advisories())
        .extracting(a -> parsed.fields().locate(a.field()).field(), a -> a.code())
        .containsExactly(tuple("providerConfig.apiToken", "dbplane.token_needed"));
  }

  @Test
  void aBinaryProtobufBodyKeepsTheProtoNamesWithoutPlaces() {
    byte[] body = Manifests.valid().clearMetadata().setSpec(Manifests.validSpec().setClusterName("Bad_Name")).build().toByteArray();

    assertThat(violations(body, RequestIntake.APPLICATION_PROTOBUF))
        .extracting(v -> v.field(), v -> v.line(), v -> v.column())
        .containsExactlyInAnyOrder(tuple("metadata", null, null), tuple("spec.cluster_name", null, null));
  }

  @Test
  void aPathThatIsNotAFieldOfTheBodyIsGivenAsItCame() {
    RequestIntake.Parsed parsed = parse("{\"kind\": \"x\"}".getBytes(StandardCharsets.UTF_8), MediaType.APPLICATION_JSON);

    assertThat(parsed.fields().locate("metadata.labels[\"a.b\"]").field()).isEqualTo("metadata.labels[\"a.b\"]");
    assertThat(parsed.fields().locate("not a path").field()).isEqualTo("not a path");
    assertThat(parsed.fields().locate("kind")).isEqualTo(new CallerFields.Located("kind", 1, 10));
  }
}
