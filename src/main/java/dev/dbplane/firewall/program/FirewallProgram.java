package dev.dbplane.firewall.program;

import com.pulumi.Context;
import com.pulumi.core.Output;
import dev.dbplane.engine.Secret;
import dev.dbplane.firewall.FirewallKind;
import dev.dbplane.firewall.FirewallSpec;
import dev.dbplane.pulumi.ResourceProgram;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The inline Pulumi program of one firewall: an explicit DigitalOcean provider holding the token as
 * a secret, and the cluster's trusted sources as the spec says. It exports the firewall's id and its
 * cluster's, and keeps what it exports for the engine.
 */
final class FirewallProgram extends ResourceProgram<FirewallSpec> {

  /** The logical name stays fixed, so a change of rules is an update of the same resource. */
  static final String FIREWALL_NAME = "database-firewall";

  /** Each stack output ({@link FirewallKind#OUTPUTS}) and the firewall's property it is. */
  static final Map<String, String> EXPORTED_PROPERTIES = FirewallKind.OUTPUTS.inOrder(Map.of("id", "id", "cluster_id", "clusterId"));

  FirewallProgram(FirewallSpec spec, Secret token, @Nullable String apiEndpoint) {
    super(spec, token, apiEndpoint);
  }

  @Override
  public void accept(Context ctx) {
    DatabaseFirewall firewall = new DatabaseFirewall(FIREWALL_NAME, DatabaseFirewallArgs.of(spec()), resourceOptions());
    // The same names as EXPORTED_PROPERTIES, each from its property.
    ctx.export("id", firewall.id());
    ctx.export("cluster_id", firewall.clusterId());
    Output.tuple(firewall.id(), firewall.clusterId())
        .applyValue(known -> {
          keep(FirewallKind.OUTPUTS.inOrder(Map.of("id", known.t1, "cluster_id", known.t2)));
          return null;
        });
  }
}
