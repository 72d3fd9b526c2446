package dev.dbplane.firewall.program;

import static dev.dbplane.support.ResourceMocks.isSecret;
import static org.assertj.core.api.Assertions.assertThat;

import com.pulumi.test.Mocks;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestResult;
import dev.dbplane.engine.Secret;
import dev.dbplane.engine.StackName;
import dev.dbplane.firewall.FirewallKind;
import dev.dbplane.firewall.FirewallSpec;
import dev.dbplane.support.ResourceMocks;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/** The firewall's inline program under Pulumi's own mocks: the inputs it sends and the outputs it exports. */
@Isolated
class FirewallProgramTest {

  private static final String TOKEN = "dop_v1_PROGRAM_TOKEN";
  private static final String CLUSTER_ID = "9cc10173-e9ea-4176-9dbc-a4cee4c4ff30";
  private static final String FIREWALL_ID = CLUSTER_ID + "-20260509101500123400000001";

  /** The provider's answer for the firewall. */
  private static ResourceMocks mocks() {
    return new ResourceMocks(DatabaseFirewall.TYPE, FIREWALL_ID, Map.of("clusterId", CLUSTER_ID));
  }

  @AfterEach
  void cleanup() {
    PulumiTest.cleanup();
  }

  private static final FirewallSpec SPEC = new FirewallSpec("orders-db-firewall", CLUSTER_ID,
      List.of(new FirewallSpec.Rule("ip_addr", "10.10.0.0/16"), new FirewallSpec.Rule("tag", "backend")),
      new StackName("acme", "dbplane", "prod.orders-db-firewall"));

  @Test
  void theFirewallGetsItsClusterAndEveryRule() {
    ResourceMocks mocks = mocks();
    mocks.run(new FirewallProgram(SPEC, Secret.of(TOKEN), null));

    Mocks.ResourceArgs firewall = mocks.only(DatabaseFirewall.TYPE);
    assertThat(firewall.name).isEqualTo(FirewallProgram.FIREWALL_NAME);
    assertThat(firewall.inputs).containsOnly(
        Map.entry("clusterId", CLUSTER_ID),
        Map.entry("rules", List.of(Map.of("type", "ip_addr", "value", "10.10.0.0/16"), Map.of("type", "tag", "value", "backend"))));
    assertThat(firewall.provider).contains("pulumi:providers:digitalocean::digitalocean");
  }

  @Test
  void theProviderIsExplicitAndHoldsTheTokenAndTheEndpoint() {
    ResourceMocks mocks = mocks();
    mocks.run(new FirewallProgram(SPEC, Secret.of(TOKEN), "http://127.0.0.1:8089"));
    assertThat(mocks.provider().inputs)
        .containsEntry("token", TOKEN)
        .containsEntry("apiEndpoint", "http://127.0.0.1:8089");
  }

  @Test
  void theProgramExportsTheIdsNoneSecretAndKeepsThemForTheEngine() {
    FirewallProgram program = new FirewallProgram(SPEC, Secret.of(TOKEN), null);
    assertThat(program.outputs()).isEmpty();

    TestResult result = mocks().run(program);

    assertThat(result.outputs()).containsOnlyKeys(FirewallKind.OUTPUTS.all());
    assertThat(PulumiTest.extractValue(result.output("id"))).isEqualTo(FIREWALL_ID);
    assertThat(PulumiTest.extractValue(result.output("cluster_id"))).isEqualTo(CLUSTER_ID);
    for (String name : FirewallKind.OUTPUTS.all()) {
      assertThat(isSecret(result.outputs().get(name))).as(name).isFalse();
    }
    assertThat(program.outputs()).hasValueSatisfying(outputs -> assertThat(outputs)
        .containsExactly(Map.entry("id", FIREWALL_ID), Map.entry("cluster_id", CLUSTER_ID)));
  }

  @Test
  void everyOutputIsReadFromItsPropertyOnRefresh() {
    assertThat(FirewallProgram.EXPORTED_PROPERTIES).containsExactly(Map.entry("id", "id"), Map.entry("cluster_id", "clusterId"));
  }

}
