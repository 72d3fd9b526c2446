package dev.dbplane.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.dbplane.support.Manifests;
import org.junit.jupiter.api.Test;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseClusterStackInput;

/**
 * Where the token of a request's job comes from: the request, the cluster it is for, or the server.
 * Validate judges the manifest alone, so a missing token is advice there; a submission is refused
 * only when none of the three has one.
 */
class TokenSourcesTest {

  private static final ClusterValidator WITHOUT_DEFAULT_TOKEN = new ClusterValidator(false);
  private static final ClusterValidator WITH_DEFAULT_TOKEN = new ClusterValidator(true);
  private static final ClusterRequest BARE = ClusterRequest.of(Manifests.valid().build());

  @Test
  void aGoodBareManifestIsValidWithAdviceThatACreateNeedsAToken() {
    ValidationOutcome outcome = WITHOUT_DEFAULT_TOKEN.validate(BARE);

    assertThat(outcome.violations()).isEmpty();
    assertThat(outcome.provisioningSpec()).get().extracting(spec -> spec.clusterName()).isEqualTo("orders-db");
    assertThat(outcome.advisories())
        .extracting(Advisory::field, Advisory::code)
        .containsExactly(tuple("provider_config.api_token", "dbplane.token_needed"));
  }

  @Test
  void aStackInputWithoutProviderConfigIsAlsoOnlyAdvised() {
    ClusterRequest request = ClusterRequest.of(DigitalOceanDatabaseClusterStackInput.newBuilder().setTarget(Manifests.valid()).build());

    ValidationOutcome outcome = WITHOUT_DEFAULT_TOKEN.validate(request);

    assertThat(outcome.valid()).isTrue();
    assertThat(outcome.advisories()).extracting(Advisory::code).containsExactly("dbplane.token_needed");
  }

  @Test
  void noAdviceWhenTheServerHasADefaultTokenOrTheRequestBringsOne() {
    assertThat(WITH_DEFAULT_TOKEN.validate(BARE).advisories()).isEmpty();
    assertThat(WITHOUT_DEFAULT_TOKEN.validate(ClusterRequest.of(Manifests.stackInput(Manifests.valid().build()))).advisories()).isEmpty();
  }

  @Test
  void aSubmissionWithNoTokenAnywhereIsRefusedWithTheTokenRule() {
    ValidationOutcome outcome = WITHOUT_DEFAULT_TOKEN.validateSubmission(BARE, false);

    assertThat(outcome.violations())
        .extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("provider_config.api_token", "dbplane.provider_config.token_required"));
    assertThat(outcome.advisories()).isEmpty();
    assertThat(outcome.provisioningSpec()).isEmpty();
  }

  @Test
  void aSubmissionForAClusterThatHoldsItsTokenNeedsNone() {
    ValidationOutcome outcome = WITHOUT_DEFAULT_TOKEN.validateSubmission(BARE, true);

    assertThat(outcome.valid()).isTrue();
    assertThat(outcome.advisories()).isEmpty();
  }

  @Test
  void aSubmissionUsesTheServerDefaultTokenWhenTheClusterHoldsNone() {
    assertThat(WITH_DEFAULT_TOKEN.validateSubmission(BARE, false).valid()).isTrue();
  }
}
