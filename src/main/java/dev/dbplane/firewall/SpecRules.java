package dev.dbplane.firewall;

import dev.dbplane.resource.Findings;
import dev.dbplane.resource.References;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.project_planton.provider.digitalocean.digitaloceandatabasefirewall.v1.DigitalOceanDatabaseFirewallRule;
import org.project_planton.provider.digitalocean.digitaloceandatabasefirewall.v1.DigitalOceanDatabaseFirewallRuleType;
import org.project_planton.provider.digitalocean.digitaloceandatabasefirewall.v1.DigitalOceanDatabaseFirewallSpec;

/**
 * The service's own rules for a firewall's spec, beyond the model's: its cluster reference, each
 * source's value of the shape its type needs, and no source given twice.
 */
final class SpecRules {

  private SpecRules() {}

  static void check(DigitalOceanDatabaseFirewallSpec spec, Findings findings) {
    References.checkCluster(spec.getCluster(), "spec.cluster", findings);
    Map<String, Integer> seen = new HashMap<>();
    List<DigitalOceanDatabaseFirewallRule> rules = spec.getRulesList();
    for (int i = 0; i < rules.size(); i++) {
      DigitalOceanDatabaseFirewallRule rule = rules.get(i);
      DigitalOceanDatabaseFirewallRuleType type = rule.getType();
      String field = "spec.rules[" + i + "]";
      if (findings.hasViolation(field + ".type") || findings.hasViolation(field + ".value")) {
        continue; // the model's rules reported it, once
      }
      Optional<String> problem = SourceValues.problem(type, rule.getValue());
      if (problem.isPresent()) {
        findings.violation(field + ".value", "dbplane.firewall.rule_value", problem.get());
        continue;
      }
      Integer first = seen.putIfAbsent(SourceValues.sameSourceKey(type, rule.getValue()), i);
      if (first != null) {
        findings.violation(field, "dbplane.firewall.rule_duplicate",
            "the same source as spec.rules[" + first + "]; give each source once");
      }
    }
  }
}
