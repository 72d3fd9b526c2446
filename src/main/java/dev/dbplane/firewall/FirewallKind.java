package dev.dbplane.firewall;

import dev.dbplane.engine.Secret;
import dev.dbplane.engine.SpecType;
import dev.dbplane.engine.StackName;
import dev.dbplane.resource.AttachedKind;
import dev.dbplane.resource.ChangeVerdict;
import dev.dbplane.resource.ClusterFacts;
import dev.dbplane.resource.Findings;
import dev.dbplane.resource.KindIdentity;
import dev.dbplane.resource.OutputNames;
import dev.dbplane.resource.References;
import dev.dbplane.resource.Violation;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.project_planton.provider.digitalocean.digitaloceandatabasefirewall.v1.DigitalOceanDatabaseFirewall;
import org.project_planton.provider.digitalocean.digitaloceandatabasefirewall.v1.DigitalOceanDatabaseFirewallRule;
import org.project_planton.provider.digitalocean.digitaloceandatabasefirewall.v1.DigitalOceanDatabaseFirewallStackInput;
import org.project_planton.shared.foreignkey.v1.StringValueOrRef;
import org.springframework.stereotype.Component;

/**
 * The firewall of a database cluster: the sources DigitalOcean lets connect to it. A cluster has one
 * set of trusted sources, which a firewall holds whole; its rules change in place.
 */
@Component
public final class FirewallKind implements AttachedKind<DigitalOceanDatabaseFirewall, FirewallSpec> {

  /** The firewall's name, messages and outputs; its program exports exactly these outputs. None is secret. */
  private static final KindIdentity<DigitalOceanDatabaseFirewall> IDENTITY = new KindIdentity<>(
      "DigitalOceanDatabaseFirewall", "firewall", DigitalOceanDatabaseFirewall.class, DigitalOceanDatabaseFirewallStackInput.class,
      new OutputNames(List.of("id", "cluster_id"), Set.of(), "id"));

  public static final String NAME = IDENTITY.name();
  public static final String NOUN = IDENTITY.noun();
  public static final OutputNames OUTPUTS = IDENTITY.outputs();

  @Override
  public KindIdentity<DigitalOceanDatabaseFirewall> identity() {
    return IDENTITY;
  }

  @Override
  public SpecType<FirewallSpec> specType() {
    return FirewallSpec.TYPE;
  }

  /** DigitalOcean knows a firewall by its cluster alone: it is named after the cluster as the manifest names it. */
  @Override
  public String resourceName(DigitalOceanDatabaseFirewall manifest) {
    StringValueOrRef cluster = clusterOf(manifest);
    String named = cluster.hasValueFrom() ? cluster.getValueFrom().getName() : cluster.getValue();
    return named.isBlank() ? NOUN : named + "-" + NOUN;
  }

  @Override
  public void checkRules(DigitalOceanDatabaseFirewall manifest, Optional<Secret> requestToken, Findings findings) {
    SpecRules.check(manifest.getSpec(), findings);
  }

  @Override
  public void advise(DigitalOceanDatabaseFirewall manifest, Optional<Secret> requestToken, Findings findings) {
    List<DigitalOceanDatabaseFirewallRule> rules = manifest.getSpec().getRulesList();
    for (int i = 0; i < rules.size(); i++) {
      if (SourceValues.admitsEveryAddress(rules.get(i).getType(), rules.get(i).getValue())) {
        findings.advise("spec.rules[" + i + "].value", "dbplane.firewall.admits_every_address",
            "a rule for every address lets the whole internet connect, as if the cluster had no trusted sources; "
                + "name the networks, Droplets, clusters or apps that need the database");
      }
    }
  }

  @Override
  public FirewallSpec normalise(DigitalOceanDatabaseFirewall manifest, StackName stack) {
    List<FirewallSpec.Rule> rules = manifest.getSpec().getRulesList().stream()
        .map(rule -> new FirewallSpec.Rule(rule.getType().name(), SourceValues.normalised(rule.getType(), rule.getValue())))
        .toList();
    return new FirewallSpec(resourceName(manifest), References.literalClusterId(clusterOf(manifest)), rules, stack);
  }

  /** Only the cluster is fixed: a firewall on another cluster is another firewall. */
  @Override
  public ChangeVerdict judgeChange(FirewallSpec current, FirewallSpec next) {
    if (current.clusterId().equals(next.clusterId())) {
      return new ChangeVerdict(List.of(), List.of());
    }
    return new ChangeVerdict(
        List.of(new Violation("spec.cluster", "dbplane.change.replaces_firewall",
            "moving the firewall from cluster " + current.clusterId() + " to " + next.clusterId()
                + " replaces it: the trusted sources of " + current.clusterId() + " are removed, and it admits every source again")),
        List.of());
  }

  @Override
  public StringValueOrRef clusterOf(DigitalOceanDatabaseFirewall manifest) {
    return manifest.getSpec().getCluster();
  }

  /** A cluster has one set of trusted sources: two firewalls on it would each undo the other's. */
  @Override
  public void checkAgainst(DigitalOceanDatabaseFirewall manifest, ClusterFacts cluster, List<FirewallSpec> others, Findings findings) {
    if (!others.isEmpty()) {
      findings.violation("spec.cluster", "dbplane.firewall.one_per_cluster",
          "the cluster already has the firewall " + others.get(0).name()
              + ", and a cluster has one set of trusted sources; change the rules of that firewall instead");
    }
  }

  @Override
  public FirewallSpec bindCluster(FirewallSpec spec, String clusterId) {
    return spec.withClusterId(clusterId);
  }
}
