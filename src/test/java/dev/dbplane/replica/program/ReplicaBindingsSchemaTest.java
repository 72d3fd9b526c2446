package dev.dbplane.replica.program;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.dbplane.pulumi.ProviderSchema;
import java.io.IOException;
import java.util.HashSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Proves the replica's bindings against the DigitalOcean provider's own schema. */
class ReplicaBindingsSchemaTest {

  private static JsonObject replica;

  @BeforeAll
  static void readSchema() throws IOException {
    replica = ProviderSchema.load().resource(DatabaseReplica.TYPE);
  }

  @Test
  void everyReplicaInputExistsWithItsType() {
    ProviderSchema.assertInputs(replica.getAsJsonObject("inputProperties"), DatabaseReplicaArgs.class);
  }

  @Test
  void exactlyTheSchemasRequiredInputsAreRequired() {
    ProviderSchema.assertRequiredInputs(replica, DatabaseReplicaArgs.class);
  }

  @Test
  void everyReplicaOutputExistsWithItsType() {
    ProviderSchema.assertOutputs(replica, DatabaseReplica.class);
  }

  @Test
  void theSecretOutputsAreExactlyTheSchemasSecretProperties() {
    assertThat(new HashSet<>(DatabaseReplica.SECRET_OUTPUTS)).isEqualTo(ProviderSchema.secretProperties(replica));
  }
}
