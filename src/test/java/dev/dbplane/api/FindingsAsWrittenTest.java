package dev.dbplane.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbplane.cluster.ClusterKind;
import dev.dbplane.intake.RequestIntake;
import dev.dbplane.problem.ProblemViolation;
import dev.dbplane.resource.Advisory;
import dev.dbplane.resource.Violation;
import dev.dbplane.support.Manifests;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Findings name their field as the body spells it, at its place; rule, code and message stay as the rules wrote them. */
class FindingsAsWrittenTest {

  private static final String YAML = "apiVersion: digital-ocean.project-planton.org/v1\nkind: DigitalOceanDatabaseCluster\nmetadata: {name: a}\n"
      + "spec: {clusterName: orders-db, engine: postgres, engineVersion: '16', region: nyc3, sizeSlug: db-s-2vcpu-4gb, nodeCount: 9}\n";

  private static FindingsAsWritten findingsOf(String yaml) {
    RequestIntake.Parsed parsed =
        new RequestIntake().parse(yaml.getBytes(StandardCharsets.UTF_8), RequestIntake.APPLICATION_YAML, ManifestBodies.modelOf(ClusterKind.onSnapshot(Manifests.END_OF_LIFE_AS_OF)));
    return new FindingsAsWritten(parsed.fields());
  }

  @Test
  void aViolationKeepsItsRuleAndMessageAndNamesItsFieldAsWritten() {
    Violation broken = new Violation("spec.node_count", "uint32.gte_lte", "must be greater than or equal to 1 and less than or equal to 3");

    assertThat(findingsOf(YAML).violations(List.of(broken)))
        .containsExactly(new ProblemViolation("spec.nodeCount", broken.message(), broken.rule(), 4, 122));
  }

  @Test
  void anAdvisoryKeepsItsCodeAndMessageAndNamesItsFieldAsWritten() {
    Advisory advice = new Advisory("provider_config.api_token", "dbplane.token_needed", "bring a token");

    assertThat(findingsOf(YAML).advisories(List.of(advice)))
        .containsExactly(new Advisory("providerConfig.apiToken", advice.code(), advice.message()));
  }

  @Test
  void withoutABodyTheFieldsStayProtoNamesWithoutPlaces() {
    Violation broken = new Violation("spec.node_count", "uint32.gte_lte", "too many");

    assertThat(FindingsAsWritten.AS_SENT.violations(List.of(broken)))
        .containsExactly(new ProblemViolation("spec.node_count", "too many", "uint32.gte_lte", null, null));
  }
}
