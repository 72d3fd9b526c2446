package dev.dbplane.firewall.program;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulumi.core.Output;
import com.pulumi.core.internal.Internal;
import com.pulumi.test.Mocks;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestResult;
import dev.dbplane.engine.Secret;
import dev.dbplane.engine.StackName;
import dev.dbplane.firewall.FirewallKind;
import dev.dbplane.firewall.FirewallSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/** The firewall's inline program under Pulumi's own mocks: the inputs it sends and the outputs it exports. */
@Isolated
class FirewallProgramTest {

  private static final String TOKEN = "dop_v1_PROGRAM_TOKEN";
  private static final String CLUSTER_ID = "9cc10173-e9ea-4176-9dbc-a4cee4c4ff30";
  private static final String FIREWALL_ID = CLUSTER_ID + "-20260509101500123400000001";

  /** Records what the program registers and answers like the provider would. */
  static final class RecordingMocks implements Mocks {
    final List<ResourceArgs> registered = new CopyOnWriteArrayList<>();

    @Override
    public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
      registered.add(args);
      if (args.type.equals(DatabaseFirewall.TYPE)) {
        return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(FIREWALL_ID), Map.of("clusterId", CLUSTER_ID)));
      }
      return CompletableFuture.completedFuture(ResourceResult.of(Optional.of(args.name + "-id"), Map.of()));
    }

    ResourceArgs only(String type) {
      return registered.stream().filter(r -> r.type.equals(type)).reduce((a, b) -> {
        throw new AssertionError("more than one " + type);
      }).orElseThrow();
    }
  }

  @AfterEach
  void cleanup() {
    PulumiTest.cleanup();
  }

  private static final FirewallSpec SPEC = new FirewallSpec("orders-db-firewall", CLUSTER_ID,
      List.of(new FirewallSpec.Rule("ip_addr", "10.10.0.0/16"), new FirewallSpec.Rule("tag", "backend")),
      new StackName("acme", "dbplane", "prod.orders-db-firewall"));

  private static TestResult run(RecordingMocks mocks, FirewallProgram program) {
    TestResult result = PulumiTest.withMocks(mocks).runTest(program);
    assertThat(result.errors()).isEmpty();
    assertThat(result.exitCode()).isZero();
    return result;
  }

  @Test
  void theFirewallGetsItsClusterAndEveryRule() {
    RecordingMocks mocks = new RecordingMocks();
    run(mocks, new FirewallProgram(SPEC, Secret.of(TOKEN), null));

    Mocks.ResourceArgs firewall = mocks.only(DatabaseFirewall.TYPE);
    assertThat(firewall.name).isEqualTo(FirewallProgram.FIREWALL_NAME);
    assertThat(firewall.inputs).containsOnly(
        Map.entry("clusterId", CLUSTER_ID),
        Map.entry("rules", List.of(Map.of("type", "ip_addr", "value", "10.10.0.0/16"), Map.of("type", "tag", "value", "backend"))));
    assertThat(firewall.provider).contains("pulumi:providers:digitalocean::digitalocean");
  }

  @Test
  void theProviderIsExplicitAndHoldsTheTokenAndTheEndpoint() {
    RecordingMocks mocks = new RecordingMocks();
    run(mocks, new FirewallProgram(SPEC, Secret.of(TOKEN), "http://127.0.0.1:8089"));
    assertThat(mocks.only("pulumi:providers:digitalocean").inputs)
        .containsEntry("token", TOKEN)
        .containsEntry("apiEndpoint", "http://127.0.0.1:8089");
  }

  @Test
  void theProgramExportsTheIdsNoneSecretAndKeepsThemForTheEngine() {
    FirewallProgram program = new FirewallProgram(SPEC, Secret.of(TOKEN), null);
    assertThat(program.outputs()).isEmpty();

    TestResult result = run(new RecordingMocks(), program);

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

  private static boolean isSecret(Output<?> output) {
    return Internal.of(output).isSecret().join();
  }
}
