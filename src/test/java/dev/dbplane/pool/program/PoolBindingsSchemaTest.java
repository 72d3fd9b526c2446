package dev.dbplane.pool.program;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.dbplane.pulumi.ProviderSchema;
import java.io.IOException;
import java.util.HashSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Proves the connection pool's bindings against the DigitalOcean provider's own schema. */
class PoolBindingsSchemaTest {

  private static JsonObject pool;

  @BeforeAll
  static void readSchema() throws IOException {
    pool = ProviderSchema.load().resource(DatabaseConnectionPool.TYPE);
  }

  @Test
  void everyPoolInputExistsWithItsType() {
    ProviderSchema.assertInputs(pool.getAsJsonObject("inputProperties"), DatabaseConnectionPoolArgs.class);
  }

  @Test
  void exactlyTheSchemasRequiredInputsAreRequiredAndSet() {
    ProviderSchema.assertRequiredInputs(pool, DatabaseConnectionPoolArgs.class);
  }

  @Test
  void everyPoolOutputExistsWithItsType() {
    ProviderSchema.assertOutputs(pool, DatabaseConnectionPool.class);
  }

  @Test
  void theSecretOutputsAreExactlyTheSchemasSecretProperties() {
    assertThat(new HashSet<>(DatabaseConnectionPool.SECRET_OUTPUTS)).isEqualTo(ProviderSchema.secretProperties(pool));
  }
}
