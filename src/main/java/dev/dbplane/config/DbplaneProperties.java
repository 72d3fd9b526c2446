package dev.dbplane.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Everything about the service that can be configured, under the prefix {@code dbplane}. Each
 * property also binds from its environment variable: {@code dbplane.jobs.workers} from {@code
 * DBPLANE_JOBS_WORKERS}.
 *
 * @param dataDir where the embedded defaults keep their files: the H2 database and the generated
 *     keyset ({@code DBPLANE_DATA_DIR})
 * @param intake how request bodies are read
 * @param digitalocean how the service reaches DigitalOcean
 * @param jobs how jobs are run
 * @param crypto where the encryption keyset comes from
 * @param pulumi how the Pulumi engine runs
 * @param security who may call the API
 * @param webhooks how notifications are delivered
 * @param retention how long records kept only for a while are kept
 * @param policy what a platform team requires of the clusters of each environment
 * @param verify how a cluster is connected to after its UP
 * @param drift how drift schedules are kept
 * @param catalog how the catalog of what DigitalOcean offers is kept
 */
@ConfigurationProperties("dbplane")
@Validated
public record DbplaneProperties(
    @DefaultValue("./data") Path dataDir,
    @DefaultValue @Valid Intake intake,
    @DefaultValue DigitalOcean digitalocean,
    @DefaultValue @Valid Jobs jobs,
    @DefaultValue Crypto crypto,
    @DefaultValue Pulumi pulumi,
    @DefaultValue @Valid Security security,
    @DefaultValue Webhooks webhooks,
    @DefaultValue Retention retention,
    @DefaultValue @Valid Policy policy,
    @DefaultValue Verify verify,
    @DefaultValue Drift drift,
    @DefaultValue Catalog catalog) {

  /** @param maxBodySize the largest request body accepted */
  public record Intake(@DefaultValue("1MB") DataSize maxBodySize) {}

  /**
   * @param defaultToken token used when a request brings no provider_config; none by default, so
   *     every request must bring one
   */
  public record DigitalOcean(@Nullable String defaultToken) {

    public boolean hasDefaultToken() {
      return defaultToken != null && !defaultToken.isBlank();
    }

    @Override
    public String toString() {
      return "DigitalOcean[defaultToken=" + (hasDefaultToken() ? "(set)" : "(none)") + "]";
    }
  }

  /**
   * @param workers how many jobs one instance runs at once; each real Pulumi run takes hundreds of
   *     MB, so keep it small
   * @param pollingInterval how often an instance looks for due jobs (a job starts within about this
   *     long of a free worker)
   * @param heartbeatInterval how often a running job's instance proves it is alive
   * @param missedHeartbeats after how many missed heartbeats (4 or more) a job's instance is taken for
   *     dead and the job is resumed elsewhere
   * @param maxAttempts how many times a job may be started before an interrupted run fails it
   * @param timeouts the longest each operation may run
   * @param stopGrace how long a run that overran its timeout gets to stop once asked, before the job
   *     is failed regardless; also how long a shutting-down instance waits for its runs to stop
   *     before it hands their jobs back
   * @param maxEvents how many events one job stores; past it, progress events are counted, not
   *     stored, except the last few, and the job's own events (its start, its end, its error) are
   *     always stored
   */
  public record Jobs(
      @DefaultValue("2") @Min(1) int workers,
      @DefaultValue("1s") Duration pollingInterval,
      @DefaultValue("5s") Duration heartbeatInterval,
      @DefaultValue("4") @Min(4) int missedHeartbeats,
      @DefaultValue("3") @Min(1) int maxAttempts,
      @DefaultValue Timeouts timeouts,
      @DefaultValue("30s") Duration stopGrace,
      @DefaultValue("2000") @Min(100) int maxEvents) {}

  public record Timeouts(
      @DefaultValue("60m") Duration up,
      @DefaultValue("15m") Duration preview,
      @DefaultValue("15m") Duration refresh,
      @DefaultValue("60m") Duration destroy) {}

  /**
   * @param keyset a Tink JSON keyset, given inline (for example from a secret store)
   * @param keysetFile a file holding a Tink JSON keyset
   */
  public record Crypto(@Nullable String keyset, @Nullable Path keysetFile) {

    @Override
    public String toString() {
      return "Crypto[keyset=" + (keyset == null ? "(none)" : "(set)") + ", keysetFile=" + keysetFile + "]";
    }
  }

  /**
   * @param cli the Pulumi CLI to run: a path, or a name looked up on PATH
   * @param backendUrl where stack state lives: {@code file://...}, {@code s3://...}, Pulumi Cloud's
   *     URL; default {@code file://<data dir>/pulumi-state}. Replicas must share it.
   * @param secretsProvider how Pulumi encrypts secrets in the state: {@code passphrase} or a KMS URL
   * @param passphrase the passphrase of the passphrase provider; on the embedded default one is
   *     generated into the data directory
   * @param workDir where each stack gets its own work directory; default {@code <data
   *     dir>/pulumi-work}
   * @param home {@code PULUMI_HOME} of this instance (plugins); default {@code <data dir>/pulumi-home}
   * @param digitaloceanApiEndpoint the DigitalOcean API to use instead of DigitalOcean's own (an
   *     emulator)
   * @param ignoreAmbientPlugins whether the engine refuses plugins found on PATH and uses only those
   *     installed in {@code home} at the pinned version
   * @param environment more environment for the CLI and its plugins (a proxy, a state bucket's
   *     credentials); never shown
   */
  public record Pulumi(
      @DefaultValue("pulumi") String cli,
      @Nullable String backendUrl,
      @DefaultValue("passphrase") String secretsProvider,
      @Nullable String passphrase,
      @Nullable Path workDir,
      @Nullable Path home,
      @Nullable String digitaloceanApiEndpoint,
      @DefaultValue("true") boolean ignoreAmbientPlugins,
      @Nullable Map<String, String> environment) {

    /**
     * What the service says wherever a person looks (start-up log, health, every cluster view) when
     * its DigitalOcean API is not DigitalOcean's own: the sandbox's emulator, whose clusters exist
     * nowhere else.
     */
    public Optional<String> sandboxNotice() {
      if (digitaloceanApiEndpoint == null || digitaloceanApiEndpoint.isBlank()
          || "api.digitalocean.com".equals(URI.create(digitaloceanApiEndpoint).getHost())) {
        return Optional.empty();
      }
      return Optional.of("sandbox: DigitalOcean calls go to " + digitaloceanApiEndpoint
          + ", not to DigitalOcean; nothing made here exists at DigitalOcean");
    }

    /** Where stack state lives: {@code backendUrl}, or by default a file backend in the data directory. */
    public String effectiveBackendUrl(Path dataDir) {
      return backendUrl != null ? backendUrl : "file://" + dataDir.toAbsolutePath().resolve("pulumi-state");
    }

    @Override
    public String toString() {
      return "Pulumi[cli=" + cli + ", backendUrl=" + backendUrl + ", secretsProvider=" + secretsProvider
          + ", passphrase=" + (passphrase == null ? "(none)" : "(set)")
          + ", environment=" + (environment == null ? "[]" : environment.keySet()) + "]";
    }
  }

  /**
   * @param apiKeys keys given in configuration, by the SHA-256 of their secret part
   * @param bootstrapAdminKey whether the first start with no key at all creates an admin key into the
   *     data directory (the embedded default must not run open)
   * @param mutationsPerMinute how many changes (POST, PUT, DELETE) one caller may send per minute
   * @param jwtRolesClaim the claim of an OAuth2 bearer token that lists its roles
   */
  public record Security(
      @DefaultValue List<@Valid ConfiguredApiKey> apiKeys,
      @DefaultValue("true") boolean bootstrapAdminKey,
      @DefaultValue("120") @Min(1) int mutationsPerMinute,
      @DefaultValue("roles") String jwtRolesClaim) {}

  /**
   * A key given in configuration. The caller sends {@code dbp_<id>_<secret>}; configuration holds only
   * {@code sha256} of {@code <secret>} (hex).
   */
  public record ConfiguredApiKey(@NotBlank @Pattern(regexp = "[a-z0-9-]{3,32}") String id, @NotBlank String name,
      @NotEmpty List<String> roles, @NotBlank @Pattern(regexp = "[0-9a-f]{64}") String sha256) {}

  /**
   * @param retryBase the wait before the first retry of a failed delivery; each next one waits twice
   *     as long
   * @param allowLoopback whether callbacks may point at this machine's loopback (127.0.0.0/8, ::1,
   *     localhost); for tests and local use only, since it lets a caller reach services that listen
   *     there. Every other non-public address stays refused; a warning is logged at start-up when on
   */
  public record Webhooks(@DefaultValue("30s") Duration retryBase, @DefaultValue("false") boolean allowLoopback) {}

  /**
   * @param idempotencyKeys how long the first answer to an Idempotency-Key is replayed
   * @param webhookDeliveries how long the record of a delivery is kept
   */
  public record Retention(@DefaultValue("24h") Duration idempotencyKeys, @DefaultValue("30d") Duration webhookDeliveries) {}

  /**
   * @param enabled whether a cluster is connected to after each UP that succeeded
   * @param within how long the connection and its query may take before the cluster counts as not answering
   */
  public record Verify(@DefaultValue("true") boolean enabled, @DefaultValue("20s") Duration within) {}

  /**
   * @param sweepInterval how often the schedules that are due queue their checks
   * @param minimumEvery the shortest time between two checks a schedule may ask for
   */
  public record Drift(@DefaultValue("1m") Duration sweepInterval, @DefaultValue("15m") Duration minimumEvery) {}

  /**
   * @param refreshInterval how often the catalog is asked of DigitalOcean again (with the default
   *     token; without one the snapshot built into the service is served)
   * @param callerKept how long the catalog DigitalOcean answered a caller's own token is kept
   * @param timeout how long asking DigitalOcean for the catalog may take: a caller with its own token waits for it
   * @param endOfLifeAsOf the instant a version's end of life is judged at instead of now: a platform
   *     team sees what will be warned of on a day ahead, and a test suite does not age with the calendar
   */
  public record Catalog(
      @DefaultValue("6h") Duration refreshInterval, @DefaultValue("10m") Duration callerKept, @DefaultValue("10s") Duration timeout,
      @Nullable Instant endOfLifeAsOf) {}

  /** @param environments the rules of each environment, by its {@code metadata.env} */
  public record Policy(Map<String, @Valid EnvironmentPolicy> environments) {

    public Policy {
      environments = environments == null ? Map.of() : Map.copyOf(environments);
    }
  }

  /** Whether a request that breaks an environment's rule is refused, or accepted with a warning. */
  public enum PolicyMode { ENFORCE, ADVISE }

  /**
   * What the clusters of one environment must be; a rule left out is not checked.
   *
   * @param mode {@code enforce} (the default) refuses a request that breaks a rule; {@code advise}
   *     accepts it, with the rule as a warning
   * @param minNodeCount the fewest nodes a cluster may have
   * @param vpcRequired whether a cluster must name its VPC
   * @param trustedSourcesRequired whether a cluster must have trusted sources (a firewall of its own)
   * @param allowedRegions the regions a cluster may be in; empty for any
   * @param allowedSizes the node sizes a cluster may have; empty for any
   * @param maxClustersPerOrg the most clusters one org may have in the environment
   */
  public record EnvironmentPolicy(
      @DefaultValue("enforce") PolicyMode mode,
      @Nullable @Min(1) Integer minNodeCount,
      boolean vpcRequired,
      boolean trustedSourcesRequired,
      @Nullable List<String> allowedRegions,
      @Nullable List<String> allowedSizes,
      @Nullable @Min(1) Integer maxClustersPerOrg) {

    public EnvironmentPolicy {
      allowedRegions = allowedRegions == null ? List.of() : List.copyOf(allowedRegions);
      allowedSizes = allowedSizes == null ? List.of() : List.copyOf(allowedSizes);
    }
  }
}
