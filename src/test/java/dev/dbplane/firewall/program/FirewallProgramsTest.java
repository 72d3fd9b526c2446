package dev.dbplane.firewall.program;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbplane.digitalocean.DigitalOceanApiException;
import dev.dbplane.engine.Secret;
import dev.dbplane.engine.StackName;
import dev.dbplane.firewall.FirewallKind;
import dev.dbplane.firewall.FirewallSpec;
import dev.dbplane.support.FakeDigitalOceanApi;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How the engine finds a firewall whose create was interrupted, against a local stand-in for DigitalOcean's API. */
class FirewallProgramsTest {

  private static final Secret TOKEN = Secret.of("dop_v1_" + "a".repeat(64));
  private static final String CLUSTER = "9cc10173-e9ea-4176-9dbc-a4cee4c4ff30";
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-05-09T10:15:00.12345Z"), ZoneOffset.UTC);

  private final FakeDigitalOceanApi digitalocean = FakeDigitalOceanApi.having();
  private final FirewallPrograms programs = new FirewallPrograms(digitalocean.api(), CLOCK);

  @AfterEach
  void stop() {
    digitalocean.close();
  }

  private static FirewallSpec spec(String clusterId) {
    return new FirewallSpec("orders-db-firewall", clusterId,
        List.of(new FirewallSpec.Rule("ip_addr", "10.10.0.0/16"), new FirewallSpec.Rule("k8s", "bd5f5959-5e1e-4205-a714-a914373942af")),
        new StackName("acme", "dbplane", "prod.orders-db-firewall"));
  }

  private void firewallHolds(String rulesJson) {
    digitalocean.answer("/v2/databases/" + CLUSTER + "/firewall", 200, "{\"rules\":[" + rulesJson + "]}");
  }

  @Test
  void aClusterWhoseSourcesAreTheSpecsHoldsTheFirewallUnderAnIdFormedAsTheProviderFormsIt() {
    firewallHolds("{\"uuid\":\"r-1\",\"cluster_uuid\":\"" + CLUSTER + "\",\"type\":\"k8s\",\"value\":\"BD5F5959-5E1E-4205-A714-A914373942AF\"},"
        + "{\"uuid\":\"r-2\",\"cluster_uuid\":\"" + CLUSTER + "\",\"type\":\"ip_addr\",\"value\":\"10.10.0.0/16\"}");

    assertThat(programs.existingId(spec(CLUSTER), TOKEN)).contains(CLUSTER + "-202605091015001234" + "00000001");
    assertThat(programs.existingId(spec(CLUSTER), TOKEN)).contains(CLUSTER + "-202605091015001234" + "00000002");
  }

  @Test
  void otherSourcesOrNoneMeanTheCreateNeverReachedDigitalOcean() {
    firewallHolds("");
    assertThat(programs.existingId(spec(CLUSTER), TOKEN)).isEmpty();
    firewallHolds("{\"type\":\"ip_addr\",\"value\":\"10.10.0.0/16\"}");
    assertThat(programs.existingId(spec(CLUSTER), TOKEN)).isEmpty();
  }

  @Test
  void aClusterDigitalOceanDoesNotHaveHasNoFirewallAndAnUnboundSpecAsksNothing() {
    assertThat(programs.existingId(spec(CLUSTER), TOKEN)).isEmpty();
    digitalocean.answer("/v2/databases//firewall", 500, "{\"message\":\"must not be asked\"}");
    assertThat(programs.existingId(spec(""), TOKEN)).isEmpty();
  }

  @Test
  void aRefusalOtherThanNotFoundIsTheLookupsFailure() {
    digitalocean.answer("/v2/databases/" + CLUSTER + "/firewall", 401, "{\"id\":\"unauthorized\",\"message\":\"Unable to authenticate you\"}");
    assertThatThrownBy(() -> programs.existingId(spec(CLUSTER), TOKEN))
        .isInstanceOf(DigitalOceanApiException.class)
        .hasMessageContaining("Unable to authenticate you");
  }

  @Test
  void theEngineReadsTheFirewallAsItsKindSays() {
    assertThat(programs.specType()).isEqualTo(FirewallSpec.TYPE);
    assertThat(programs.noun()).isEqualTo(FirewallKind.NOUN);
    assertThat(programs.resourceType()).isEqualTo("digitalocean:index/databaseFirewall:DatabaseFirewall");
    assertThat(programs.exportedProperties().keySet()).containsExactlyElementsOf(FirewallKind.OUTPUTS.all());
    assertThat(programs.secretOutputs()).isEmpty();
  }
}
