package dev.dbplane.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;

/** One list of problem types, each with a suffix of its own; errors known only by status are named after it. */
class ProblemTypeTest {

  @Test
  void everyTypeHasASuffixOfItsOwnInLowerCaseWords() {
    assertThat(Arrays.stream(ProblemType.values()).map(ProblemType::suffix)).doesNotHaveDuplicates().allMatch(s -> s.matches("[a-z]+(-[a-z]+)*"));
  }

  @Test
  void aProblemCarriesItsTypesUriTitleAndStatus() {
    ProblemDetail problem = ProblemType.CLUSTER_BUSY.problem("one job at a time");

    assertThat(problem.getType()).isEqualTo(URI.create("urn:dbplane:problem:cluster-busy"));
    assertThat(problem.getTitle()).isEqualTo("The cluster has a job in progress");
    assertThat(problem.getStatus()).isEqualTo(409);
    assertThat(problem.getDetail()).isEqualTo("one job at a time");
  }

  @Test
  void anErrorKnownOnlyByItsStatusIsNamedAfterIt() {
    assertThat(ProblemType.uriOfStatus(405)).isEqualTo(URI.create("urn:dbplane:problem:method-not-allowed"));
    assertThat(ProblemType.uriOfStatus(404)).isEqualTo(ProblemType.NOT_FOUND.uri());
    assertThat(ProblemType.uriOfStatus(500)).isEqualTo(ProblemType.INTERNAL_ERROR.uri());
    assertThat(ProblemType.uriOfStatus(599)).isEqualTo(URI.create("urn:dbplane:problem:http-599"));
  }

  @Test
  void aMissingPathIsNamedOnlyWhenAskedAndATrailingSlashIsPointedOut() {
    assertThat(ProblemWriter.noSuchPath("/api/v1/jobs/", true)).isEqualTo("no such path /api/v1/jobs/; paths end without '/'");
    assertThat(ProblemWriter.noSuchPath("/api/v1/jobs/", false)).isEqualTo("no such path; paths end without '/'");
    assertThat(ProblemWriter.noSuchPath("/nothing", true)).isEqualTo("no such path /nothing");
    assertThat(ProblemWriter.noSuchPath(null, false)).isEqualTo("no such path");
  }
}
