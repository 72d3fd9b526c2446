package dev.dbplane.firewall.program;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;
import dev.dbplane.firewall.FirewallSpec;
import java.util.List;

/**
 * Inputs of {@code digitalocean:index/databaseFirewall:DatabaseFirewall} (provider v4.76.0). The
 * names and types are proven against the provider's schema by a test.
 */
final class DatabaseFirewallArgs extends ResourceArgs {

  @Import(name = "clusterId", required = true)
  private final Output<String> clusterId;

  @Import(name = "rules", required = true)
  private final Output<List<DatabaseFirewallRuleArgs>> rules;

  private DatabaseFirewallArgs(FirewallSpec spec) {
    this.clusterId = Output.of(spec.clusterId());
    this.rules = Output.of(spec.rules().stream().map(DatabaseFirewallRuleArgs::of).toList());
  }

  static DatabaseFirewallArgs of(FirewallSpec spec) {
    return new DatabaseFirewallArgs(spec);
  }
}
