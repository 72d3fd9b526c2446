package dev.dbplane.firewall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.dbplane.engine.StackName;
import dev.dbplane.resource.Advisory;
import dev.dbplane.resource.ChangeVerdict;
import dev.dbplane.resource.ClusterFacts;
import dev.dbplane.resource.Findings;
import dev.dbplane.resource.ResourceRequest;
import dev.dbplane.resource.ResourceValidator;
import dev.dbplane.resource.ValidationOutcome;
import dev.dbplane.resource.Violation;
import dev.dbplane.support.Manifests;
import java.util.List;
import java.util.function.Consumer;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.project_planton.provider.digitalocean.digitaloceandatabasefirewall.v1.DigitalOceanDatabaseFirewall;
import org.project_planton.provider.digitalocean.digitaloceandatabasefirewall.v1.DigitalOceanDatabaseFirewallRuleType;
import org.project_planton.provider.digitalocean.digitaloceandatabasefirewall.v1.DigitalOceanDatabaseFirewallSpec;
import org.project_planton.provider.digitalocean.digitaloceandatabasefirewall.v1.DigitalOceanDatabaseFirewallStackInput;
import org.project_planton.shared.cloudresourcekind.CloudResourceKind;
import org.project_planton.shared.foreignkey.v1.StringValueOrRef;
import org.project_planton.shared.foreignkey.v1.ValueFromRef;

class FirewallKindTest {

  private static final ResourceValidator<DigitalOceanDatabaseFirewall, FirewallSpec> VALIDATOR = new ResourceValidator<>(new FirewallKind(), true);
  private static final FirewallKind KIND = new FirewallKind();
  private static final ClusterFacts PG = new ClusterFacts("pg", "16", "nyc3", "db-s-2vcpu-4gb", 3);
  private static final StackName STACK = new StackName("organization", "dbplane", "orders-db-sources");

  private static ValidationOutcome<FirewallSpec> validate(DigitalOceanDatabaseFirewall manifest) {
    return VALIDATOR.validate(ResourceRequest.of(manifest));
  }

  private static DigitalOceanDatabaseFirewall withSpec(Consumer<DigitalOceanDatabaseFirewallSpec.Builder> change) {
    DigitalOceanDatabaseFirewall.Builder manifest = Manifests.firewall();
    change.accept(manifest.getSpecBuilder());
    return manifest.build();
  }

  private static DigitalOceanDatabaseFirewall withOnlyRule(DigitalOceanDatabaseFirewallRuleType type, String value) {
    return withSpec(s -> s.clearRules().addRules(Manifests.firewallRule(type, value)));
  }

  private static List<Tuple> violations(DigitalOceanDatabaseFirewall manifest) {
    return validate(manifest).violations().stream().map(v -> tuple(v.field(), v.rule())).toList();
  }

  // --- accepted and normalised

  @Test
  void aValidFirewallIsAcceptedWithoutAdviceAndNormalised() {
    ValidationOutcome<FirewallSpec> outcome = validate(Manifests.firewall().build());

    assertThat(outcome.violations()).isEmpty();
    assertThat(outcome.advisories()).isEmpty();
    assertThat(outcome.spec()).isEqualTo(new FirewallSpec(
        Manifests.CLUSTER_ID + "-firewall",
        Manifests.CLUSTER_ID,
        List.of(
            new FirewallSpec.Rule("ip_addr", "203.0.113.7"),
            new FirewallSpec.Rule("ip_addr", "10.10.0.0/16"),
            new FirewallSpec.Rule("droplet", "123456789"),
            new FirewallSpec.Rule("k8s", "bd5f5959-5e1e-4205-a714-a914373942af"),
            new FirewallSpec.Rule("tag", "backend"),
            new FirewallSpec.Rule("app", "f81d4fae-7dec-11d0-a765-00a0c91e6bf6")),
        STACK));
  }

  @Test
  void aStackInputIsJudgedWithItsTargetsPaths() {
    DigitalOceanDatabaseFirewallStackInput input = DigitalOceanDatabaseFirewallStackInput.newBuilder()
        .setTarget(withOnlyRule(DigitalOceanDatabaseFirewallRuleType.droplet, "web-1"))
        .setProviderConfig(Manifests.providerConfig())
        .build();

    assertThat(VALIDATOR.validate(ResourceRequest.ofStackInput(input, DigitalOceanDatabaseFirewall.class)).violations())
        .extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("target.spec.rules[0].value", "dbplane.firewall.rule_value"));
  }

  @Test
  void idsOfTheClusterAndOfKubernetesClustersAndAppsAreSentInLowerCase() {
    FirewallSpec spec = validate(withSpec(s -> s
            .setCluster(StringValueOrRef.newBuilder().setValue(Manifests.CLUSTER_ID.toUpperCase()))
            .clearRules()
            .addRules(Manifests.firewallRule(DigitalOceanDatabaseFirewallRuleType.k8s, "BD5F5959-5E1E-4205-A714-A914373942AF"))
            .addRules(Manifests.firewallRule(DigitalOceanDatabaseFirewallRuleType.tag, "Backend"))))
        .provisioningSpec().orElseThrow();

    assertThat(spec.clusterId()).isEqualTo(Manifests.CLUSTER_ID);
    assertThat(spec.rules()).containsExactly(
        new FirewallSpec.Rule("k8s", "bd5f5959-5e1e-4205-a714-a914373942af"), new FirewallSpec.Rule("tag", "Backend"));
  }

  @Test
  void aClusterNamedByReferenceIsBoundLaterAndNamesTheFirewall() {
    DigitalOceanDatabaseFirewall manifest = withSpec(s -> s.setCluster(
        StringValueOrRef.newBuilder().setValueFrom(ValueFromRef.newBuilder().setName("orders-db").setKind(CloudResourceKind.DigitalOceanDatabaseCluster)
            .setFieldPath("status.outputs.cluster_id"))));
    FirewallSpec spec = validate(manifest).provisioningSpec().orElseThrow();

    assertThat(spec.clusterId()).isEmpty();
    assertThat(spec.resourceName()).isEqualTo("orders-db-firewall");
    assertThat(KIND.clusterOf(manifest).getValueFrom().getName()).isEqualTo("orders-db");
    assertThat(KIND.bindCluster(spec, Manifests.CLUSTER_ID)).isEqualTo(
        new FirewallSpec("orders-db-firewall", Manifests.CLUSTER_ID, spec.rules(), spec.stack()));
  }

  @ParameterizedTest
  @CsvSource({
      "ip_addr, 198.51.100.255",
      "ip_addr, 0.0.0.0/8",
      "ip_addr, 192.168.1.0/32",
      "droplet, 1",
      "droplet, 9223372036854775807",
      "k8s, 00000000-0000-0000-0000-000000000000",
      "app, F81D4FAE-7DEC-11D0-A765-00A0C91E6BF6",
      "tag, k8s:worker_pool-1",
  })
  void sourcesOfTheRightShapeForTheirTypeAreAccepted(DigitalOceanDatabaseFirewallRuleType type, String value) {
    assertThat(violations(withOnlyRule(type, value))).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
      "ip_addr, 256.1.1.1",
      "ip_addr, 10.0.0",
      "ip_addr, 10.0.0.01",
      "ip_addr, 10.0.0.0/33",
      "ip_addr, 10.0.0.0/",
      "ip_addr, 10.0.0.0/08",
      "ip_addr, 2001:db8::1",
      "ip_addr, 2001:DB8:0:0:0:0:0:0/32",
      "ip_addr, ::ffff:192.0.2.1",
      "ip_addr, fe80::/10",
      "ip_addr, ::/0",
      "ip_addr, 2001:db8::/129",
      "ip_addr, 2001:db8:::1",
      "ip_addr, fe80::1%eth0",
      "ip_addr, localhost",
      "ip_addr, example.com",
      "ip_addr, .:1",
      "ip_addr, :",
      "droplet, 0",
      "droplet, 012",
      "droplet, web-1",
      "droplet, 99999999999999999999",
      "k8s, not-a-uuid",
      "k8s, bd5f59595e1e4205a714a914373942af",
      "app, 123456789",
      "tag, has space",
      "tag, dotted.tag",
  })
  void aSourceOfTheWrongShapeForItsTypeIsRefusedAtItsValue(DigitalOceanDatabaseFirewallRuleType type, String value) {
    assertThat(violations(withOnlyRule(type, value))).containsExactly(tuple("spec.rules[0].value", "dbplane.firewall.rule_value"));
  }

  @Test
  void theSameSourceTwiceIsRefusedAtTheSecond() {
    DigitalOceanDatabaseFirewall manifest = withSpec(s -> s.clearRules()
        .addRules(Manifests.firewallRule(DigitalOceanDatabaseFirewallRuleType.ip_addr, "10.0.0.1"))
        .addRules(Manifests.firewallRule(DigitalOceanDatabaseFirewallRuleType.app, "f81d4fae-7dec-11d0-a765-00a0c91e6bf6"))
        .addRules(Manifests.firewallRule(DigitalOceanDatabaseFirewallRuleType.ip_addr, "10.0.0.1/32"))
        .addRules(Manifests.firewallRule(DigitalOceanDatabaseFirewallRuleType.app, "F81D4FAE-7DEC-11D0-A765-00A0C91E6BF6"))
        .addRules(Manifests.firewallRule(DigitalOceanDatabaseFirewallRuleType.ip_addr, "192.0.2.0/24"))
        .addRules(Manifests.firewallRule(DigitalOceanDatabaseFirewallRuleType.ip_addr, "192.0.2.0/24")));

    ValidationOutcome<FirewallSpec> outcome = validate(manifest);

    assertThat(outcome.violations()).extracting(Violation::field, Violation::rule).containsExactly(
        tuple("spec.rules[2]", "dbplane.firewall.rule_duplicate"),
        tuple("spec.rules[3]", "dbplane.firewall.rule_duplicate"),
        tuple("spec.rules[5]", "dbplane.firewall.rule_duplicate"));
    assertThat(outcome.violations().get(0).message()).contains("spec.rules[0]");
  }

  @Test
  void theSameValueForTwoTypesIsTwoSources() {
    assertThat(violations(withSpec(s -> s.clearRules()
        .addRules(Manifests.firewallRule(DigitalOceanDatabaseFirewallRuleType.k8s, "bd5f5959-5e1e-4205-a714-a914373942af"))
        .addRules(Manifests.firewallRule(DigitalOceanDatabaseFirewallRuleType.app, "bd5f5959-5e1e-4205-a714-a914373942af"))))).isEmpty();
  }

  // --- the model's rules

  @Test
  void theModelRefusesAFirewallWithoutRulesOrCluster() {
    assertThat(violations(withSpec(s -> s.clearRules().clearCluster()))).containsExactlyInAnyOrder(
        tuple("spec.cluster", "required"), tuple("spec.rules", "repeated.min_items"));
  }

  @Test
  void theModelBoundsTheNumberOfRules() {
    assertThat(violations(withSpec(s -> {
      s.clearRules();
      for (int i = 1; i <= 101; i++) {
        s.addRules(Manifests.firewallRule(DigitalOceanDatabaseFirewallRuleType.droplet, Integer.toString(i)));
      }
    }))).containsExactly(tuple("spec.rules", "repeated.max_items"));
  }

  @Test
  void theModelRefusesARuleWithoutTypeOrValueOrWithAnUnknownTypeOrALongValue() {
    assertThat(violations(withSpec(s -> s.clearRules()
        .addRules(Manifests.firewallRule(DigitalOceanDatabaseFirewallRuleType.digital_ocean_database_firewall_rule_type_unspecified, "backend"))
        .addRules(Manifests.firewallRule(DigitalOceanDatabaseFirewallRuleType.tag, ""))
        .addRules(s.getRules(0).toBuilder().setTypeValue(99).build())
        .addRules(Manifests.firewallRule(DigitalOceanDatabaseFirewallRuleType.tag, "t".repeat(256))))))
        .containsExactly(
            tuple("spec.rules[0].type", "required"),
            tuple("spec.rules[1].value", "required"),
            tuple("spec.rules[2].type", "enum.defined_only"),
            tuple("spec.rules[3].value", "string.max_len"));
  }

  @Test
  void theModelHoldsTheKind() {
    assertThat(violations(Manifests.firewall().setKind("DigitalOceanDatabaseCluster").build())).containsExactly(tuple("kind", "string.const"));
  }

  // --- the cluster reference

  @Test
  void aLiteralClusterMustBeAUuid() {
    assertThat(violations(withSpec(s -> s.setCluster(StringValueOrRef.newBuilder().setValue("orders-db")))))
        .containsExactly(tuple("spec.cluster.value", "dbplane.cluster.uuid"));
  }

  @Test
  void anEmptyClusterReferenceIsRefusedOnce() {
    assertThat(violations(withSpec(s -> s.setCluster(StringValueOrRef.getDefaultInstance()))))
        .containsExactly(tuple("spec.cluster", "dbplane.cluster.required"));
  }

  @Test
  void aReferenceMustBeToAClustersId() {
    assertThat(violations(withSpec(s -> s.setCluster(StringValueOrRef.newBuilder().setValueFrom(
        ValueFromRef.newBuilder().setName("orders-db").setKind(CloudResourceKind.DigitalOceanVpc).setFieldPath("status.outputs.vpc_id"))))))
        .containsExactly(
            tuple("spec.cluster.value_from.kind", "dbplane.cluster.kind"),
            tuple("spec.cluster.value_from.field_path", "dbplane.cluster.field_path"));
    assertThat(violations(withSpec(s -> s.setCluster(StringValueOrRef.newBuilder().setValueFrom(ValueFromRef.getDefaultInstance())))))
        .containsExactly(tuple("spec.cluster.value_from.name", "required"));
  }

  // --- advice

  @Test
  void aRuleForEveryAddressIsAdvisedAgainst() {
    DigitalOceanDatabaseFirewall manifest = withSpec(s -> s.clearRules()
        .addRules(Manifests.firewallRule(DigitalOceanDatabaseFirewallRuleType.ip_addr, "0.0.0.0/0"))
        .addRules(Manifests.firewallRule(DigitalOceanDatabaseFirewallRuleType.ip_addr, "10.0.0.0/8")));

    ValidationOutcome<FirewallSpec> outcome = validate(manifest);

    assertThat(outcome.violations()).isEmpty();
    assertThat(outcome.advisories()).extracting(Advisory::field, Advisory::code).containsExactly(
        tuple("spec.rules[0].value", "dbplane.firewall.admits_every_address"));
  }

  // --- changes

  @Test
  void newRulesChangeTheFirewallInPlace() {
    FirewallSpec current = KIND.normalise(Manifests.firewall().build(), STACK);
    FirewallSpec next = KIND.normalise(withOnlyRule(DigitalOceanDatabaseFirewallRuleType.tag, "web"), STACK);

    ChangeVerdict verdict = KIND.judgeChange(current, next);

    assertThat(verdict.replacements()).isEmpty();
    assertThat(verdict.unsupported()).isEmpty();
  }

  @Test
  void anotherClusterReplacesTheFirewall() {
    FirewallSpec current = KIND.normalise(Manifests.firewall().build(), STACK);
    FirewallSpec next = KIND.bindCluster(current, "5a4981aa-9653-4bd1-bef5-d6bff52042e4");

    ChangeVerdict verdict = KIND.judgeChange(current, next);

    assertThat(verdict.replacements()).extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("spec.cluster", "dbplane.change.replaces_firewall"));
    assertThat(verdict.unsupported()).isEmpty();
  }

  // --- against the cluster

  @Test
  void theOnlyFirewallOfAClusterOfAnyEngineIsAccepted() {
    for (String engine : List.of("pg", "mysql", "redis", "valkey", "mongodb")) {
      Findings findings = new Findings("");
      KIND.checkAgainst(Manifests.firewall().build(), new ClusterFacts(engine, "8", "nyc3", "db-s-1vcpu-1gb", 1), List.of(), findings);
      assertThat(findings.violations()).as(engine).isEmpty();
    }
  }

  @Test
  void aSecondFirewallOfAClusterIsRefused() {
    FirewallSpec existing = KIND.normalise(Manifests.firewall().build(), STACK);
    Findings findings = new Findings("target.");

    KIND.checkAgainst(Manifests.firewall().build(), PG, List.of(existing), findings);

    assertThat(findings.violations()).extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("target.spec.cluster", "dbplane.firewall.one_per_cluster"));
    assertThat(findings.violations().get(0).message()).contains(existing.name());
  }

  @Test
  void theKindNamesItselfAndItsOutputs() {
    assertThat(KIND.name()).isEqualTo("DigitalOceanDatabaseFirewall").isEqualTo(Manifests.firewall().getKind());
    assertThat(KIND.noun()).isEqualTo("firewall");
    assertThat(KIND.clusterField()).isEqualTo("spec.cluster");
    assertThat(KIND.outputs().all()).containsExactly("id", "cluster_id");
    assertThat(KIND.outputs().secrets()).isEmpty();
    assertThat(FirewallSpec.TYPE.cast(KIND.normalise(Manifests.firewall().build(), STACK)).kind()).isEqualTo(FirewallKind.NAME);
  }
}
