package dev.dbplane.pulumi;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Proves the provider's bindings against its own schema; when the team's reference copy of the
 * schema is beside the repository, the kept excerpt must be the same.
 */
class ProviderBindingsSchemaTest {

  private static final Path REFERENCE = Path.of("..", "shared", "reference", "digitalocean-database-schema.json");

  private static JsonObject schema;

  @BeforeAll
  static void readSchema() throws IOException {
    schema = ProviderSchema.load().json();
  }

  @Test
  void theKeptSchemaIsTheTeamsReferenceCopy() throws IOException {
    if (Files.exists(REFERENCE)) {
      assertThat(JsonParser.parseString(Files.readString(REFERENCE))).isEqualTo(schema);
    }
    assertThat(schema.get("providerVersion").getAsString()).isEqualTo(DigitalOceanProvider.VERSION);
  }

  @Test
  void thePackageIsTheProvidersOwn() {
    assertThat(schema.get("package").getAsString()).isEqualTo(DigitalOceanProvider.PACKAGE);
  }

  @Test
  void everyProviderInputExistsWithItsType() {
    JsonObject inputs = schema.getAsJsonObject("provider").getAsJsonObject("inputProperties");
    ProviderSchema.assertInputs(inputs, DigitalOceanProviderArgs.class);
  }
}
