package dev.dbplane.firewall.program;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;
import dev.dbplane.firewall.FirewallSpec;

/**
 * One rule of a firewall, the provider's object type
 * {@code digitalocean:index/DatabaseFirewallRule:DatabaseFirewallRule} as an input. The names and
 * types are proven against the provider's schema by a test.
 */
final class DatabaseFirewallRuleArgs extends ResourceArgs {

  static final String TYPE = "digitalocean:index/DatabaseFirewallRule:DatabaseFirewallRule";

  @Import(name = "type", required = true)
  private final Output<String> type;

  @Import(name = "value", required = true)
  private final Output<String> value;

  private DatabaseFirewallRuleArgs(FirewallSpec.Rule rule) {
    this.type = Output.of(rule.type());
    this.value = Output.of(rule.value());
  }

  static DatabaseFirewallRuleArgs of(FirewallSpec.Rule rule) {
    return new DatabaseFirewallRuleArgs(rule);
  }
}
