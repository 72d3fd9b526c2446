package dev.dbplane.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseClusterSpec;

/**
 * Every place a tree does not fit the message is reported at once, with its path and place; what
 * has one meaning only is tidied in place instead.
 */
class ModelShapeCheckerTest {

  private static SourceTree json(String text) {
    return JsonSource.read(text.getBytes(StandardCharsets.UTF_8));
  }

  private static SourceTree yaml(String text) {
    return YamlSource.read(text.getBytes(StandardCharsets.UTF_8));
  }

  private static List<IntakeProblem> check(SourceTree tree) {
    return ModelShapeChecker.check(tree, DigitalOceanDatabaseClusterSpec.getDescriptor());
  }

  @Test
  void everyProblemIsReportedWithItsPathAndPlace() {
    SourceTree tree = json("{\"nodeCount\": \"two\",\n \"engine\": \"postgress\",\n \"enablePublicConnectivity\": 1}");

    assertThat(check(tree))
        .extracting(IntakeProblem::field, IntakeProblem::line, IntakeProblem::column)
        .containsExactly(tuple("nodeCount", 1, 15), tuple("engine", 2, 12), tuple("enablePublicConnectivity", 3, 30));
  }

  @Test
  void anUnknownFieldNamesTheFieldsThereAre() {
    assertThat(check(json("{\"clusterName\": \"a\", \"colour\": \"red\"}")))
        .singleElement()
        .satisfies(problem -> {
          assertThat(problem.field()).isEqualTo("colour");
          assertThat(problem.reason()).startsWith("unknown field; DigitalOceanDatabaseClusterSpec has clusterName, engine, engineVersion");
        });
  }

  @Test
  void aFieldGivenByBothOfItsNamesIsRefused() {
    assertThat(check(json("{\"cluster_name\": \"a\", \"clusterName\": \"b\"}")))
        .extracting(IntakeProblem::field, IntakeProblem::reason)
        .containsExactly(tuple("clusterName", "the same field as 'cluster_name'; give it once"));
  }

  @Test
  void twoMembersOfAOneofAreRefused() {
    assertThat(check(json("{\"vpc\": {\"value\": \"v\", \"valueFrom\": {\"name\": \"n\"}}}")))
        .extracting(IntakeProblem::field, IntakeProblem::reason)
        .containsExactly(tuple("vpc.valueFrom", "only one of 'value' and 'valueFrom' may be given"));
  }

  @Test
  void numbersOutsideTheirFieldsRangeAreRefusedHoweverLarge() {
    assertThat(check(json("{\"nodeCount\": -1, \"storageGib\": 1e30000000}")))
        .extracting(IntakeProblem::field, IntakeProblem::reason)
        .containsExactly(
            tuple("nodeCount", "must be between 0 and 4294967295"), tuple("storageGib", "must be between 0 and 4294967295"));
    assertThat(check(json("{\"nodeCount\": 2.5}"))).extracting(IntakeProblem::reason).containsExactly("must be a whole number");
    assertThat(check(json("{\"nodeCount\": 2.0}"))).isEmpty();
  }

  @Test
  void aBodyThatIsNoObjectIsRefusedAsAWhole() {
    assertThat(check(json("[1]")))
        .extracting(IntakeProblem::field, IntakeProblem::reason)
        .containsExactly(tuple(null, "must be an object (DigitalOceanDatabaseClusterSpec)"));
  }

  @Test
  void anEnumNameInAnotherCaseIsTidiedToItsOwn() {
    SourceTree tree = json("{\"engine\": \"POSTGRES\", \"region\": \"NYC3\"}");

    assertThat(check(tree)).isEmpty();
    assertThat(tree.root().getAsJsonObject().get("engine").getAsString()).isEqualTo("postgres");
    assertThat(tree.root().getAsJsonObject().get("region").getAsString()).isEqualTo("nyc3");
  }

  @Test
  void aYamlScalarForAStringFieldKeepsItsLiteralTextAndPlace() {
    SourceTree tree = yaml("engineVersion: 8.0\nclusterName: 123\n");

    assertThat(check(tree)).isEmpty();
    assertThat(tree.root().getAsJsonObject().get("engineVersion").getAsString()).isEqualTo("8.0");
    assertThat(tree.positionOf(tree.root().getAsJsonObject().get("clusterName"))).isEqualTo(new SourceTree.Position(2, 14));
  }

  @Test
  void aJsonNumberForAStringFieldIsRefused() {
    assertThat(check(json("{\"engineVersion\": 16}"))).extracting(IntakeProblem::reason).containsExactly("must be a string");
  }
}
