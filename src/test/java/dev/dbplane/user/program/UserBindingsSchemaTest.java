package dev.dbplane.user.program;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.dbplane.pulumi.ProviderSchema;
import java.io.IOException;
import java.util.HashSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Proves the user's bindings against the DigitalOcean provider's own schema. */
class UserBindingsSchemaTest {

  private static JsonObject user;

  @BeforeAll
  static void readSchema() throws IOException {
    user = ProviderSchema.load().resource(DatabaseUser.TYPE);
  }

  @Test
  void everyUserInputExistsWithItsType() {
    ProviderSchema.assertInputs(user.getAsJsonObject("inputProperties"), DatabaseUserArgs.class);
  }

  @Test
  void exactlyTheSchemasRequiredInputsAreRequiredAndSet() {
    ProviderSchema.assertRequiredInputs(user, DatabaseUserArgs.class);
  }

  @Test
  void everyUserOutputExistsWithItsType() {
    ProviderSchema.assertOutputs(user, DatabaseUser.class);
  }

  @Test
  void theSecretOutputsAreExactlyTheSchemasSecretProperties() {
    assertThat(new HashSet<>(DatabaseUser.SECRET_OUTPUTS)).isEqualTo(ProviderSchema.secretProperties(user));
  }
}
