package dev.dbplane.cluster;

import dev.dbplane.config.DbplaneProperties.EnvironmentPolicy;
import dev.dbplane.config.DbplaneProperties.Policy;
import dev.dbplane.config.DbplaneProperties.PolicyMode;
import dev.dbplane.resource.Findings;
import dev.dbplane.resource.OrgLimit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseCluster;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseClusterSpec;

/**
 * What a platform team requires of the clusters of each environment ({@code
 * dbplane.policy.environments.<env>}), each rule with an id under {@code dbplane.policy.*}: in
 * {@code enforce} mode a cluster that breaks one is refused, as by any other rule; in {@code advise}
 * mode it is accepted with the rule as a warning. An environment without policy has no such rules.
 */
public final class ClusterPolicies {

  /** A rule of an environment, as a portal shows it: its id, the field it judges, what it requires. */
  public record Rule(String id, String field, String requirement) {}

  /** The rules of one environment and whether they refuse or advise. */
  public record Environment(String env, PolicyMode mode, List<Rule> rules) {}

  static final String MIN_NODE_COUNT = "dbplane.policy.min_node_count";
  static final String VPC_REQUIRED = "dbplane.policy.vpc_required";
  static final String TRUSTED_SOURCES_REQUIRED = "dbplane.policy.trusted_sources_required";
  static final String ALLOWED_REGIONS = "dbplane.policy.allowed_regions";
  static final String ALLOWED_SIZES = "dbplane.policy.allowed_sizes";
  static final String MAX_CLUSTERS_PER_ORG = "dbplane.policy.max_clusters_per_org";

  /** By environment, in the order of their names. */
  private final SortedMap<String, EnvironmentPolicy> environments;

  /** Environments are named as {@code metadata.env} is, in any case. */
  public ClusterPolicies(Policy policy) {
    SortedMap<String, EnvironmentPolicy> byEnv = new TreeMap<>();
    policy.environments().forEach((env, rules) -> byEnv.put(env.toLowerCase(Locale.ROOT), rules));
    this.environments = Collections.unmodifiableSortedMap(byEnv);
  }

  static ClusterPolicies none() {
    return new ClusterPolicies(new Policy(Map.of()));
  }

  /** Every environment's rules, by environment. */
  public List<Environment> environments() {
    return environments.entrySet().stream().map(e -> new Environment(e.getKey(), e.getValue().mode(), rules(e.getValue()))).toList();
  }

  /** Judges the cluster by the rules of its environment. */
  void check(DigitalOceanDatabaseCluster manifest, Findings findings) {
    Optional<EnvironmentPolicy> found = of(manifest.getMetadata().getEnv());
    if (found.isEmpty()) {
      return;
    }
    EnvironmentPolicy policy = found.get();
    DigitalOceanDatabaseClusterSpec spec = manifest.getSpec();
    String env = manifest.getMetadata().getEnv();
    if (policy.minNodeCount() != null && spec.getNodeCount() < policy.minNodeCount()) {
      judged(policy, findings, "spec.node_count", MIN_NODE_COUNT,
          "clusters in env " + env + " have at least " + policy.minNodeCount() + " nodes; this one has " + spec.getNodeCount());
    }
    if (policy.vpcRequired() && !namesVpc(spec)) {
      judged(policy, findings, "spec.vpc", VPC_REQUIRED, "clusters in env " + env + " are placed in a VPC: name one in spec.vpc");
    }
    String region = spec.getRegion().name();
    if (!policy.allowedRegions().isEmpty() && !policy.allowedRegions().contains(region)) {
      judged(policy, findings, "spec.region", ALLOWED_REGIONS,
          "clusters in env " + env + " are in " + String.join(", ", policy.allowedRegions()) + "; not in " + region);
    }
    if (!policy.allowedSizes().isEmpty() && !policy.allowedSizes().contains(spec.getSizeSlug())) {
      judged(policy, findings, "spec.size_slug", ALLOWED_SIZES,
          "clusters in env " + env + " have nodes of " + String.join(", ", policy.allowedSizes()) + "; not " + spec.getSizeSlug());
    }
    if (policy.trustedSourcesRequired()) {
      // Met only after the cluster exists (its firewall names it), so it can be advice only here.
      findings.advise("spec", TRUSTED_SOURCES_REQUIRED, "clusters in env " + env + " admit only trusted sources: once this one is "
          + "provisioned, give it a DigitalOceanDatabaseFirewall (POST /api/v1/database-firewalls)");
    }
  }

  /** How many clusters an org may have in the environment, if the environment says. */
  Optional<OrgLimit> orgLimit(String env) {
    return of(env).filter(policy -> policy.maxClustersPerOrg() != null)
        .map(policy -> new OrgLimit(policy.maxClustersPerOrg(), policy.mode() == PolicyMode.ENFORCE, MAX_CLUSTERS_PER_ORG));
  }

  private Optional<EnvironmentPolicy> of(String env) {
    return Optional.ofNullable(environments.get(env.toLowerCase(Locale.ROOT)));
  }

  private static boolean namesVpc(DigitalOceanDatabaseClusterSpec spec) {
    return spec.hasVpc() && (!spec.getVpc().getValue().isBlank() || spec.getVpc().hasValueFrom());
  }

  private static void judged(EnvironmentPolicy policy, Findings findings, String field, String rule, String message) {
    findings.policyBroken(policy.mode() == PolicyMode.ENFORCE, field, rule, message);
  }

  private static List<Rule> rules(EnvironmentPolicy policy) {
    List<Rule> rules = new ArrayList<>();
    if (policy.minNodeCount() != null) {
      rules.add(new Rule(MIN_NODE_COUNT, "spec.node_count", "at least " + policy.minNodeCount()));
    }
    if (policy.vpcRequired()) {
      rules.add(new Rule(VPC_REQUIRED, "spec.vpc", "set"));
    }
    if (policy.trustedSourcesRequired()) {
      rules.add(new Rule(TRUSTED_SOURCES_REQUIRED, "spec", "a DigitalOceanDatabaseFirewall once provisioned (advice at the cluster)"));
    }
    if (!policy.allowedRegions().isEmpty()) {
      rules.add(new Rule(ALLOWED_REGIONS, "spec.region", "one of " + String.join(", ", policy.allowedRegions())));
    }
    if (!policy.allowedSizes().isEmpty()) {
      rules.add(new Rule(ALLOWED_SIZES, "spec.size_slug", "one of " + String.join(", ", policy.allowedSizes())));
    }
    if (policy.maxClustersPerOrg() != null) {
      rules.add(new Rule(MAX_CLUSTERS_PER_ORG, "metadata.org", "at most " + policy.maxClustersPerOrg() + " clusters per org"));
    }
    return List.copyOf(rules);
  }
}
