package dev.dbplane.pulumi;

import com.pulumi.automation.Version;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Whether jobs can run: a Pulumi CLI of a supported version and the pinned provider plugin are
 * there, and a file state backend is a
 * directory this service can write (other backends are checked by the CLI when a job runs).
 */
final class PulumiHealth implements HealthIndicator {

  private final CliPulumiCommand cli;
  private final ProviderPlugin plugin;
  private final String backendUrl;
  private final @Nullable String sandboxNotice;

  PulumiHealth(CliPulumiCommand cli, ProviderPlugin plugin, String backendUrl, @Nullable String sandboxNotice) {
    this.cli = cli;
    this.plugin = plugin;
    this.backendUrl = backendUrl;
    this.sandboxNotice = sandboxNotice;
  }

  @Override
  public Health health() {
    Health health = engineHealth();
    return sandboxNotice == null ? health : Health.status(health.getStatus()).withDetails(health.getDetails())
        .withDetail("sandbox", sandboxNotice).build();
  }

  private Health engineHealth() {
    try {
      Version version = cli.checkedVersion();
      if (plugin.location().isEmpty()) {
        return Health.down().withDetail("cli", version.toString()).withDetail("reason", plugin.missing()).build();
      }
      if (backendUrl.startsWith("file://")) {
        Path state = Path.of(backendUrl.substring("file://".length()));
        Files.createDirectories(state);
        if (!Files.isWritable(state)) {
          return Health.down().withDetail("reason", "the state directory " + state + " is not writable").build();
        }
      }
      return Health.up().withDetail("cli", version.toString()).withDetail("providerPlugin", plugin.version())
          .withDetail("backend", backendUrl.replaceAll("//[^/@]*@", "//")).build();
    } catch (EngineUnavailableException e) {
      return Health.down().withDetail("reason", e.getMessage()).build();
    } catch (IOException | RuntimeException e) {
      return Health.down().withDetail("reason", "the state backend " + backendUrl + " cannot be used: " + e.getClass().getSimpleName()).build();
    }
  }
}
