package dev.dbplane.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.dbplane.cluster.ClusterKind;
import dev.dbplane.cluster.ClusterSpec;
import dev.dbplane.support.Manifests;
import org.junit.jupiter.api.Test;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseCluster;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseClusterStackInput;

/**
 * Where the token of a request's job comes from: the request, the cluster it is for, or the server.
 * Validate judges the manifest alone, so a missing token is advice there; a submission is refused
 * only when none of the three has one.
 */
class TokenSourcesTest {

  private static final ResourceValidator<DigitalOceanDatabaseCluster, ClusterSpec> WITHOUT_DEFAULT_TOKEN = new ResourceValidator<>(ClusterKind.onSnapshot(Manifests.END_OF_LIFE_AS_OF), false);
  private static final ResourceValidator<DigitalOceanDatabaseCluster, ClusterSpec> WITH_DEFAULT_TOKEN = new ResourceValidator<>(ClusterKind.onSnapshot(Manifests.END_OF_LIFE_AS_OF), true);
  private static final ResourceRequest<DigitalOceanDatabaseCluster> BARE = ResourceRequest.of(Manifests.valid().build());

  @Test
  void aGoodBareManifestIsValidWithAdviceThatACreateNeedsAToken() {
    ValidationOutcome<ClusterSpec> outcome = WITHOUT_DEFAULT_TOKEN.validate(BARE);

    assertThat(outcome.violations()).isEmpty();
    assertThat(outcome.provisioningSpec()).get().extracting(spec -> spec.clusterName()).isEqualTo("orders-db");
    assertThat(outcome.advisories())
        .extracting(Advisory::field, Advisory::code)
        .containsExactly(tuple("provider_config.api_token", "dbplane.token_needed"));
  }

  @Test
  void aStackInputWithoutProviderConfigIsAlsoOnlyAdvised() {
    ResourceRequest<DigitalOceanDatabaseCluster> request = ResourceRequest.ofStackInput(DigitalOceanDatabaseClusterStackInput.newBuilder().setTarget(Manifests.valid()).build(), DigitalOceanDatabaseCluster.class);

    ValidationOutcome<ClusterSpec> outcome = WITHOUT_DEFAULT_TOKEN.validate(request);

    assertThat(outcome.valid()).isTrue();
    assertThat(outcome.advisories()).extracting(Advisory::code).containsExactly("dbplane.token_needed");
  }

  @Test
  void noAdviceWhenTheServerHasADefaultTokenOrTheRequestBringsOne() {
    assertThat(WITH_DEFAULT_TOKEN.validate(BARE).advisories()).isEmpty();
    assertThat(WITHOUT_DEFAULT_TOKEN.validate(ResourceRequest.ofStackInput(Manifests.stackInput(Manifests.valid().build()), DigitalOceanDatabaseCluster.class)).advisories()).isEmpty();
  }

  @Test
  void aSubmissionWithNoTokenAnywhereIsRefusedWithTheTokenRule() {
    ValidationOutcome<ClusterSpec> outcome = WITHOUT_DEFAULT_TOKEN.validateSubmission(BARE, false);

    assertThat(outcome.violations())
        .extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("provider_config.api_token", "dbplane.provider_config.token_required"));
    assertThat(outcome.advisories()).isEmpty();
    assertThat(outcome.provisioningSpec()).isEmpty();
  }

  @Test
  void aSubmissionForAClusterThatHoldsItsTokenNeedsNone() {
    ValidationOutcome<ClusterSpec> outcome = WITHOUT_DEFAULT_TOKEN.validateSubmission(BARE, true);

    assertThat(outcome.valid()).isTrue();
    assertThat(outcome.advisories()).isEmpty();
  }

  @Test
  void aSubmissionUsesTheServerDefaultTokenWhenTheClusterHoldsNone() {
    assertThat(WITH_DEFAULT_TOKEN.validateSubmission(BARE, false).valid()).isTrue();
  }
}
