package dev.dbplane.pulumi;

import com.pulumi.automation.Version;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Whether jobs can run: a Pulumi CLI of a supported version and the pinned provider plugin are
 * there, a file state backend is a directory this service can write, and the state backend, wherever
 * it is, can be reached and its secrets read with this replica's passphrase or key.
 */
final class PulumiHealth implements HealthIndicator {

  private final CliPulumiCommand cli;
  private final ProviderPlugin plugin;
  private final String backendUrl;
  private final StateBackendCheck state;
  private final @Nullable String sandboxNotice;

  PulumiHealth(CliPulumiCommand cli, ProviderPlugin plugin, String backendUrl, StateBackendCheck state, @Nullable String sandboxNotice) {
    this.cli = cli;
    this.plugin = plugin;
    this.backendUrl = backendUrl;
    this.state = state;
    this.sandboxNotice = sandboxNotice;
  }

  /**
   * The status's description says why to every caller, key or not, in words that hold no path,
   * URL or version; the details (for callers with a key) say exactly what and how to fix it.
   */
  @Override
  public Health health() {
    Health health = engineHealth();
    if (sandboxNotice == null) {
      return health;
    }
    String description = health.getStatus().getDescription().isEmpty() ? "sandbox" : "sandbox; " + health.getStatus().getDescription();
    return Health.status(new Status(health.getStatus().getCode(), description)).withDetails(health.getDetails())
        .withDetail("sandbox", sandboxNotice).build();
  }

  private Health engineHealth() {
    try {
      Version version = cli.checkedVersion();
      if (plugin.location().isEmpty()) {
        return down("the DigitalOcean provider plugin is not installed: jobs fail until it is")
            .withDetail("cli", version.toString()).withDetail("reason", plugin.missing()).build();
      }
      if (backendUrl.startsWith("file://")) {
        Path state = Path.of(backendUrl.substring("file://".length()));
        Files.createDirectories(state);
        if (!Files.isWritable(state)) {
          return down("the Pulumi state cannot be written").withDetail("reason", "the state directory " + state + " is not writable").build();
        }
      }
      StateBackendCheck.Result shared = state.check();
      Health.Builder health = switch (shared.outcome()) {
        case READY -> Health.up();
        case UNREACHABLE -> down("the Pulumi state backend cannot be reached: jobs fail until it can");
        case SECRETS_UNREADABLE -> down("the secrets in the Pulumi state cannot be read with this replica's passphrase or key: jobs fail until they can");
      };
      if (shared.stack() != null) {
        health.withDetail("stack", shared.stack());
      }
      return health.withDetail("cli", version.toString()).withDetail("providerPlugin", plugin.version())
          .withDetail("backend", publicUrl()).withDetail("stacks", shared.stacks()).withDetail("state", shared.reason()).build();
    } catch (EngineUnavailableException e) {
      return down("the Pulumi CLI cannot run here (missing or too old): jobs fail until it is installed").withDetail("reason", e.getMessage()).build();
    } catch (IOException | RuntimeException e) {
      return down("the Pulumi state backend cannot be used")
          .withDetail("reason", "the state backend " + publicUrl() + " cannot be used: " + e.getClass().getSimpleName())
          .build();
    }
  }

  /** The backend's URL without credentials in it. */
  private String publicUrl() {
    return backendUrl.replaceAll("//[^/@]*@", "//");
  }

  private static Health.Builder down(String why) {
    return Health.status(new Status(Status.DOWN.getCode(), why));
  }
}
