package dev.dbplane.firewall.program;

import com.pulumi.Context;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import dev.dbplane.engine.Secret;
import dev.dbplane.firewall.FirewallKind;
import dev.dbplane.firewall.FirewallSpec;
import dev.dbplane.pulumi.DigitalOceanProvider;
import dev.dbplane.pulumi.StackProgram;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * The inline Pulumi program of one firewall: an explicit DigitalOcean provider holding the token as
 * a secret, and the cluster's trusted sources as the spec says. It exports the firewall's id and its
 * cluster's, and keeps what it exports for the engine.
 */
final class FirewallProgram implements StackProgram {

  /** The logical name stays fixed, so a change of rules is an update of the same resource. */
  static final String FIREWALL_NAME = "database-firewall";

  /** Each stack output ({@link FirewallKind#OUTPUTS}) and the firewall's property it is. */
  static final Map<String, String> EXPORTED_PROPERTIES = FirewallKind.OUTPUTS.inOrder(Map.of("id", "id", "cluster_id", "clusterId"));

  private final FirewallSpec spec;
  private final Secret token;
  private final @Nullable String apiEndpoint;
  private final AtomicReference<@Nullable Map<String, String>> outputs = new AtomicReference<>();

  FirewallProgram(FirewallSpec spec, Secret token, @Nullable String apiEndpoint) {
    this.spec = spec;
    this.token = token;
    this.apiEndpoint = apiEndpoint;
  }

  @Override
  public void accept(Context ctx) {
    DigitalOceanProvider provider = DigitalOceanProvider.explicit(token, apiEndpoint);
    DatabaseFirewall firewall =
        new DatabaseFirewall(
            FIREWALL_NAME,
            DatabaseFirewallArgs.of(spec),
            CustomResourceOptions.builder().provider(provider).version(DigitalOceanProvider.VERSION).build());
    // The same names as EXPORTED_PROPERTIES, each from its property.
    ctx.export("id", firewall.id());
    ctx.export("cluster_id", firewall.clusterId());
    // Runs only once every value is known: never in a preview of a change, always in an update.
    Output.tuple(firewall.id(), firewall.clusterId())
        .applyValue(known -> {
          outputs.set(FirewallKind.OUTPUTS.inOrder(Map.of("id", known.t1, "cluster_id", known.t2)));
          return null;
        });
  }

  @Override
  public Optional<Map<String, String>> outputs() {
    return Optional.ofNullable(outputs.get());
  }
}
