package dev.dbplane.pulumi;

import com.pulumi.automation.Version;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** Whether jobs can run: a Pulumi CLI of a supported version is there. */
final class PulumiHealth implements HealthIndicator {

  private final CliPulumiCommand cli;

  PulumiHealth(CliPulumiCommand cli) {
    this.cli = cli;
  }

  @Override
  public Health health() {
    try {
      Version version = cli.checkedVersion();
      return Health.up().withDetail("cli", version.toString()).withDetail("providerPlugin", "digitalocean v" + ClusterProgram.PROVIDER_VERSION).build();
    } catch (EngineUnavailableException e) {
      return Health.down().withDetail("reason", e.getMessage()).build();
    }
  }
}
