package dev.dbplane.firewall.program;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.dbplane.pulumi.ProviderSchema;
import java.io.IOException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Proves the firewall's bindings, and those of its rules, against the DigitalOcean provider's own schema. */
class FirewallBindingsSchemaTest {

  private static JsonObject firewall;
  private static JsonObject rule;

  @BeforeAll
  static void readSchema() throws IOException {
    ProviderSchema schema = ProviderSchema.load();
    firewall = schema.resource(DatabaseFirewall.TYPE);
    rule = schema.type(DatabaseFirewallRuleArgs.TYPE);
  }

  @Test
  void everyFirewallInputExistsWithItsType() {
    ProviderSchema.assertInputs(firewall.getAsJsonObject("inputProperties"), DatabaseFirewallArgs.class);
  }

  @Test
  void exactlyTheSchemasRequiredInputsAreRequired() {
    ProviderSchema.assertRequiredInputs(firewall, DatabaseFirewallArgs.class);
  }

  @Test
  void everyPropertyOfARuleExistsWithItsTypeAndTheRequiredOnesAreRequired() {
    ProviderSchema.assertInputs(rule.getAsJsonObject("properties"), DatabaseFirewallRuleArgs.class);
    ProviderSchema.assertRequiredProperties(rule, DatabaseFirewallRuleArgs.class);
  }

  @Test
  void everyFirewallOutputExistsWithItsType() {
    ProviderSchema.assertOutputs(firewall, DatabaseFirewall.class);
  }

  @Test
  void theProviderMarksNoOutputOfAFirewallSecret() {
    assertThat(ProviderSchema.secretProperties(firewall)).isEmpty();
  }
}
