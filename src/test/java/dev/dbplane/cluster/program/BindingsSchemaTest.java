package dev.dbplane.cluster.program;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.dbplane.pulumi.ProviderSchema;
import java.io.IOException;
import java.util.HashSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Proves the cluster's bindings against the DigitalOcean provider's own schema. */
class BindingsSchemaTest {

  private static JsonObject cluster;

  @BeforeAll
  static void readSchema() throws IOException {
    cluster = ProviderSchema.load().resource(DatabaseCluster.TYPE);
  }

  @Test
  void everyClusterInputExistsWithItsType() {
    ProviderSchema.assertInputs(cluster.getAsJsonObject("inputProperties"), DatabaseClusterArgs.class);
  }

  @Test
  void exactlyTheSchemasRequiredInputsAreRequiredAndSet() {
    ProviderSchema.assertRequiredInputs(cluster, DatabaseClusterArgs.class);
  }

  @Test
  void everyClusterOutputExistsWithItsType() {
    ProviderSchema.assertOutputs(cluster, DatabaseCluster.class);
  }

  @Test
  void theSecretOutputsAreExactlyTheSchemasSecretProperties() {
    assertThat(new HashSet<>(DatabaseCluster.SECRET_OUTPUTS)).isEqualTo(ProviderSchema.secretProperties(cluster));
  }
}
