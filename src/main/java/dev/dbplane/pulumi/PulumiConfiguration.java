package dev.dbplane.pulumi;

import dev.dbplane.config.DbplaneProperties;
import dev.dbplane.crypto.LocalSecretFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
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

  @Bean
  CliPulumiCommand pulumiCommand(DbplaneProperties properties) {
    return new CliPulumiCommand(properties.pulumi().cli());
  }

  @Bean
  String pulumiBackendUrl(DbplaneProperties properties) {
    return properties.pulumi().backendUrl() != null
        ? properties.pulumi().backendUrl()
        : "file://" + properties.dataDir().toAbsolutePath().resolve("pulumi-state");
  }

  @Bean
  PulumiStackEngine pulumiStackEngine(CliPulumiCommand pulumiCommand, DbplaneProperties properties, String pulumiBackendUrl)
      throws IOException {
    DbplaneProperties.Pulumi pulumi = properties.pulumi();
    Path data = properties.dataDir().toAbsolutePath();
    String backend = pulumiBackendUrl;
    PulumiStackEngine.Settings settings =
        new PulumiStackEngine.Settings(
            pulumi.workDir() != null ? pulumi.workDir() : data.resolve("pulumi-work"),
            pulumi.home() != null ? pulumi.home() : data.resolve("pulumi-home"),
            backend,
            pulumi.secretsProvider(),
            passphrase(pulumi, data),
            pulumi.digitaloceanApiEndpoint(),
            pulumi.ignoreAmbientPlugins(),
            LOCK_RETRY_WAIT);
    log.info("Pulumi engine: CLI {}, backend {}, secrets provider {}, provider plugin digitalocean v{}",
        pulumi.cli(), backend, pulumi.secretsProvider(), ClusterProgram.PROVIDER_VERSION);
    return new PulumiStackEngine(pulumiCommand, settings);
  }

  /** Reported as "pulumi" in the health endpoint. */
  @Bean
  HealthIndicator pulumiHealthIndicator(CliPulumiCommand pulumiCommand, String pulumiBackendUrl) {
    return new PulumiHealth(pulumiCommand, pulumiBackendUrl);
  }

  private static @Nullable String passphrase(DbplaneProperties.Pulumi pulumi, Path data) throws IOException {
    if (!PASSPHRASE.equals(pulumi.secretsProvider())) {
      return null;
    }
    if (pulumi.passphrase() != null && !pulumi.passphrase().isBlank()) {
      return pulumi.passphrase();
    }
    return LocalSecretFiles.readOrCreate(data.resolve("pulumi-passphrase"), PulumiConfiguration::newPassphrase,
        "Pulumi state passphrase", "dbplane.pulumi.passphrase");
  }

  private static String newPassphrase() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
