package dev.dbplane.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import dev.dbplane.db.DbKind;
import dev.dbplane.firewall.FirewallKind;
import dev.dbplane.intake.RequestIntake;
import dev.dbplane.pool.PoolKind;
import dev.dbplane.replica.ReplicaKind;
import dev.dbplane.resource.ResourceKind;
import dev.dbplane.resource.ResourceRequest;
import dev.dbplane.resource.ResourceValidator;
import dev.dbplane.resource.ValidationOutcome;
import dev.dbplane.user.UserKind;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every manifest Swagger UI offers for a kind inside a cluster is one the kind's rules accept, without advice. */
class KindExamplesTest {

  static List<ResourceKind<?, ?>> kinds() {
    return List.of(new DbKind(), new UserKind(), new PoolKind(), new FirewallKind(), new ReplicaKind());
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void theExampleIsAValidManifestOfItsKind(ResourceKind<?, ?> kind) {
    ValidationOutcome<?> outcome = validate(kind, KindExamples.YAML.get(kind.name()));

    assertThat(outcome.violations()).as(kind.name()).isEmpty();
    assertThat(outcome.advisories()).as(kind.name()).isEmpty();
  }

  private static <M extends Message> ValidationOutcome<?> validate(ResourceKind<M, ?> kind, String yaml) {
    Message parsed = new RequestIntake().parse(yaml.getBytes(StandardCharsets.UTF_8), RequestIntake.APPLICATION_YAML, ManifestBodies.modelOf(kind))
        .message();
    return new ResourceValidator<>(kind, true).validate(ResourceRequest.of(kind.manifestType().cast(parsed)));
  }
}
