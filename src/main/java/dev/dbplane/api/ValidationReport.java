package dev.dbplane.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.dbplane.cluster.Advisory;
import dev.dbplane.cluster.ClusterOutputs;
import dev.dbplane.cluster.ClusterRequest;
import dev.dbplane.engine.ProvisioningSpec;
import dev.dbplane.cluster.ValidationOutcome;
import dev.dbplane.problem.ProblemViolation;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The answer of the validate endpoint.
 *
 * @param valid true when the request can be provisioned
 * @param violations every reason it cannot, empty when valid; each names its field as the caller
 *     wrote it, with its place in a JSON or YAML body when the body holds it
 * @param warnings advice that does not block
 * @param normalized what would be provisioned, in DigitalOcean's terms (never the token); absent
 *     when not valid
 * @param credentials where the DigitalOcean token would come from; the token itself is never shown
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ValidationReport(
    boolean valid,
    List<ProblemViolation> violations,
    List<Advisory> warnings,
    @Nullable ProvisioningSpec normalized,
    Credentials credentials) {

  /**
   * @param source {@code request} (provider_config.api_token) or {@code server-default}, or {@code
   *     none}
   * @param apiToken always redacted
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Credentials(
      @Schema(allowableValues = {"request", "server-default", "none"}) String source,
      @Nullable String apiToken,
      @Nullable String defaultRegion) {}

  static ValidationReport of(ClusterRequest request, FindingsAsWritten fields, ValidationOutcome outcome, boolean serverHasDefaultToken) {
    Credentials credentials =
        request
            .providerConfig()
            .map(config -> new Credentials("request", config.getApiToken().isEmpty() ? null : ClusterOutputs.REDACTED, config.getDefaultRegion().name()))
            .orElseGet(() -> new Credentials(serverHasDefaultToken ? "server-default" : "none", null, null));
    return new ValidationReport(
        outcome.valid(), fields.violations(outcome.violations()), fields.advisories(outcome.advisories()), outcome.spec(), credentials);
  }
}
