package dev.dbplane.firewall;

import dev.dbplane.engine.ResourceSpec;
import dev.dbplane.engine.SpecType;
import dev.dbplane.engine.StackName;
import java.util.List;

/**
 * The normalised spec of a firewall that its program provisions, in DigitalOcean's terms.
 *
 * @param name what the firewall is called in messages and stands in for a blank metadata.name; a
 *     firewall has no name of its own at DigitalOcean
 * @param clusterId DigitalOcean's id of the cluster; empty until the pipeline binds it, when the
 *     manifest names the cluster by reference
 * @param rules the trusted sources, in the manifest's order
 * @param stack the Pulumi stack that holds this firewall
 */
public record FirewallSpec(String name, String clusterId, List<Rule> rules, StackName stack) implements ResourceSpec {

  public static final SpecType<FirewallSpec> TYPE = new SpecType<>(FirewallKind.NAME, FirewallSpec.class);

  public FirewallSpec {
    rules = List.copyOf(rules);
  }

  /**
   * One trusted source.
   *
   * @param type DigitalOcean's type: {@code ip_addr}, {@code droplet}, {@code k8s}, {@code tag} or {@code app}
   * @param value the address, id or tag name
   */
  public record Rule(String type, String value) {}

  @Override
  public String kind() {
    return FirewallKind.NAME;
  }

  @Override
  public String resourceName() {
    return name;
  }

  FirewallSpec withClusterId(String id) {
    return new FirewallSpec(name, id, rules, stack);
  }
}
