package dev.dbplane.pulumi;

import dev.dbplane.config.DbplaneProperties;
import dev.dbplane.crypto.LocalSecretFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Pulumi engine, unless another engine is chosen ({@code dbplane.engine}). It starts even
 * without a CLI: each job then fails with ENGINE_UNAVAILABLE, saying what to install.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "dbplane.engine", havingValue = "pulumi", matchIfMissing = true)
class PulumiConfiguration {

  private static final Logger log = LoggerFactory.getLogger(PulumiConfiguration.class);
  private static final String PASSPHRASE = "passphrase";
  /** How long a run waits before retrying a stack locked by another update. */
  private static final Duration LOCK_RETRY_WAIT = Duration.ofSeconds(5);

  /** Before any job runs: stops what a killed predecessor left running, removes its event logs. */
  @Bean
  CliPulumiCommand pulumiCommand(DbplaneProperties properties) throws IOException {
    CliPulumiCommand command = new CliPulumiCommand(properties.pulumi().cli(), properties.dataDir().toAbsolutePath().resolve("pulumi-runs"));
    command.cleanUpAfterCrash();
    return command;
  }

  @Bean
  ProviderPlugin providerPlugin(DbplaneProperties properties) {
    return new ProviderPlugin(pulumiHome(properties), properties.pulumi().ignoreAmbientPlugins());
  }

  @Bean
  String pulumiBackendUrl(DbplaneProperties properties) {
    return properties.pulumi().effectiveBackendUrl(properties.dataDir());
  }

  @Bean
  PulumiStackEngine.Settings pulumiSettings(DbplaneProperties properties, String pulumiBackendUrl) throws IOException {
    DbplaneProperties.Pulumi pulumi = properties.pulumi();
    Path data = properties.dataDir().toAbsolutePath();
    PulumiStackEngine.Settings settings =
        new PulumiStackEngine.Settings(
            pulumi.workDir() != null ? pulumi.workDir() : data.resolve("pulumi-work"),
            pulumiHome(properties),
            pulumiBackendUrl,
            pulumi.secretsProvider(),
            passphrase(pulumi, data),
            pulumi.digitaloceanApiEndpoint(),
            pulumi.ignoreAmbientPlugins(),
            pulumi.environment() == null ? Map.of() : pulumi.environment(),
            LOCK_RETRY_WAIT);
    if (pulumiBackendUrl.startsWith("file://")) {
      Files.createDirectories(Path.of(pulumiBackendUrl.substring("file://".length())));
    }
    return settings;
  }

  @Bean
  PulumiStackEngine pulumiStackEngine(
      CliPulumiCommand pulumiCommand, ProviderPlugin providerPlugin, DbplaneProperties properties, PulumiStackEngine.Settings settings,
      List<KindProgram<?>> programs) {
    DbplaneProperties.Pulumi pulumi = properties.pulumi();
    String backend = settings.backendUrl();
    log.info("Pulumi engine: CLI {}, backend {}, secrets provider {}, provider plugin {} ({})",
        pulumi.cli(), backend, pulumi.secretsProvider(), providerPlugin.version(),
        providerPlugin.location().map(Path::toString).orElse("not installed"));
    // Said once at start-up, where a newcomer looks first: what is missing and what to install.
    try {
      pulumiCommand.checkedVersion();
    } catch (EngineUnavailableException e) {
      log.warn("THE PULUMI ENGINE CANNOT RUN: {}; every job fails ENGINE_UNAVAILABLE until it can", e.getMessage());
    }
    if (providerPlugin.location().isEmpty()) {
      log.warn("THE PULUMI ENGINE CANNOT RUN: {}; every job fails ENGINE_UNAVAILABLE until it is", providerPlugin.missing());
    }
    pulumi.sandboxNotice().ifPresent(notice -> log.warn("{}. Never run production like this.", notice.toUpperCase(java.util.Locale.ROOT)));
    return new PulumiStackEngine(pulumiCommand, settings, providerPlugin, programs);
  }

  private static Path pulumiHome(DbplaneProperties properties) {
    Path home = properties.pulumi().home();
    return home != null ? home : properties.dataDir().toAbsolutePath().resolve("pulumi-home");
  }

  /** Reported as "pulumi" in the health endpoint. */
  @Bean
  HealthIndicator pulumiHealthIndicator(
      CliPulumiCommand pulumiCommand, ProviderPlugin providerPlugin, PulumiStackEngine.Settings settings, DbplaneProperties properties) {
    return new PulumiHealth(pulumiCommand, providerPlugin, settings.backendUrl(), new StateBackendCheck(pulumiCommand, settings, Clock.systemUTC()),
        properties.pulumi().sandboxNotice().orElse(null));
  }

  private static @Nullable String passphrase(DbplaneProperties.Pulumi pulumi, Path data) throws IOException {
    if (!PASSPHRASE.equals(pulumi.secretsProvider())) {
      return null;
    }
    if (pulumi.passphrase() != null && !pulumi.passphrase().isBlank()) {
      return pulumi.passphrase();
    }
    return LocalSecretFiles.readOrCreate(data.resolve("pulumi-passphrase"), PulumiConfiguration::newPassphrase,
        "Pulumi state passphrase",
        "production must supply its own (dbplane.pulumi.passphrase) and keep it with the state, which cannot be read without it");
  }

  private static String newPassphrase() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
