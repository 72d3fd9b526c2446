package dev.dbplane.db.program;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.dbplane.pulumi.ProviderSchema;
import java.io.IOException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Proves the database's bindings against the DigitalOcean provider's own schema. */
class DbBindingsSchemaTest {

  private static JsonObject database;

  @BeforeAll
  static void readSchema() throws IOException {
    database = ProviderSchema.load().resource(DatabaseDb.TYPE);
  }

  @Test
  void everyDatabaseInputExistsWithItsType() {
    ProviderSchema.assertInputs(database.getAsJsonObject("inputProperties"), DatabaseDbArgs.class);
  }

  @Test
  void exactlyTheSchemasRequiredInputsAreRequiredAndSet() {
    ProviderSchema.assertRequiredInputs(database, DatabaseDbArgs.class);
  }

  @Test
  void everyDatabaseOutputExistsWithItsType() {
    ProviderSchema.assertOutputs(database, DatabaseDb.class);
  }

  @Test
  void theSchemaMarksNoOutputOfADatabaseSecret() {
    assertThat(ProviderSchema.secretProperties(database)).isEmpty();
  }
}
