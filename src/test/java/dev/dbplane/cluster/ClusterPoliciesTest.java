package dev.dbplane.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.dbplane.config.DbplaneProperties.EnvironmentPolicy;
import dev.dbplane.config.DbplaneProperties.Policy;
import dev.dbplane.config.DbplaneProperties.PolicyMode;
import dev.dbplane.resource.Advisory;
import dev.dbplane.resource.Findings;
import dev.dbplane.resource.OrgLimit;
import dev.dbplane.resource.Violation;
import dev.dbplane.support.Manifests;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseCluster;
import org.project_planton.shared.foreignkey.v1.StringValueOrRef;

/** An environment's rules: refusing where enforced, advising where not, silent where none are set. */
class ClusterPoliciesTest {

  private static final EnvironmentPolicy PROD = new EnvironmentPolicy(PolicyMode.ENFORCE, 2, true, true, List.of("nyc3", "ams3"),
      List.of("db-s-2vcpu-4gb"), 3);
  private static final EnvironmentPolicy STAGING = new EnvironmentPolicy(PolicyMode.ADVISE, 2, false, false, null, null, null);
  private static final ClusterPolicies POLICIES = new ClusterPolicies(new Policy(Map.of("Prod", PROD, "staging", STAGING)));

  @Test
  void aClusterThatBreaksEnforcedRulesIsRefusedAtEachField() {
    Findings findings = judged(cluster("prod", 1, "sfo3", "db-s-1vcpu-1gb", false));

    assertThat(findings.violations()).extracting(Violation::field, Violation::rule).containsExactly(
        tuple("spec.node_count", "dbplane.policy.min_node_count"),
        tuple("spec.vpc", "dbplane.policy.vpc_required"),
        tuple("spec.region", "dbplane.policy.allowed_regions"),
        tuple("spec.size_slug", "dbplane.policy.allowed_sizes"));
    assertThat(findings.violations().get(0).message()).isEqualTo("clusters in env prod have at least 2 nodes; this one has 1");
    assertThat(findings.advisories()).extracting(Advisory::code).containsExactly("dbplane.policy.trusted_sources_required");
  }

  @Test
  void aClusterThatKeepsTheRulesIsOnlyRemindedOfItsTrustedSources() {
    Findings findings = judged(cluster("PROD", 2, "ams3", "db-s-2vcpu-4gb", true));

    assertThat(findings.violations()).isEmpty();
    assertThat(findings.advisories()).extracting(Advisory::field, Advisory::code).containsExactly(tuple("spec", "dbplane.policy.trusted_sources_required"));
  }

  @Test
  void whereThePolicyAdvisesTheSameRuleIsAWarning() {
    Findings findings = judged(cluster("staging", 1, "sfo3", "db-s-1vcpu-1gb", false));

    assertThat(findings.violations()).isEmpty();
    assertThat(findings.advisories()).extracting(Advisory::field, Advisory::code).containsExactly(tuple("spec.node_count", "dbplane.policy.min_node_count"));
    assertThat(findings.advisories().get(0).message()).endsWith("(advice: the policy of this env is not enforced)");
  }

  @Test
  void anEnvironmentWithoutPolicyHasNoSuchRules() {
    Findings findings = judged(cluster("dev", 1, "sfo3", "db-s-1vcpu-1gb", false));

    assertThat(findings.violations()).isEmpty();
    assertThat(findings.advisories()).isEmpty();
    assertThat(POLICIES.orgLimit("dev")).isEmpty();
  }

  @Test
  void theRulesAreListedPerEnvironmentAndTheOrgLimitGoesToTheService() {
    assertThat(POLICIES.environments()).extracting(ClusterPolicies.Environment::env, ClusterPolicies.Environment::mode)
        .containsExactly(tuple("prod", PolicyMode.ENFORCE), tuple("staging", PolicyMode.ADVISE));
    assertThat(POLICIES.environments().get(0).rules()).extracting(ClusterPolicies.Rule::id).containsExactly(
        "dbplane.policy.min_node_count", "dbplane.policy.vpc_required", "dbplane.policy.trusted_sources_required",
        "dbplane.policy.allowed_regions", "dbplane.policy.allowed_sizes", "dbplane.policy.max_clusters_per_org");
    assertThat(POLICIES.orgLimit("prod")).contains(new OrgLimit(3, true, "dbplane.policy.max_clusters_per_org"));
  }

  private static Findings judged(DigitalOceanDatabaseCluster cluster) {
    Findings findings = new Findings("");
    POLICIES.check(cluster, findings);
    return findings;
  }

  private static DigitalOceanDatabaseCluster cluster(String env, int nodes, String region, String size, boolean vpc) {
    return Manifests.withSpec(spec -> {
      spec.setNodeCount(nodes).setRegionValue(org.project_planton.provider.digitalocean.DigitalOceanRegion.valueOf(region).getNumber()).setSizeSlug(size);
      if (vpc) {
        spec.setVpc(StringValueOrRef.newBuilder().setValue("0c8e4a2e-1e8f-4f5e-9b1a-2f3c4d5e6f70"));
      }
    }).toBuilder().setMetadata(Manifests.valid().getMetadataBuilder().setOrg("acme").setEnv(env)).build();
  }
}
