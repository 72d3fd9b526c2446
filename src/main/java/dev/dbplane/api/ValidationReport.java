package dev.dbplane.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.dbplane.engine.ResourceSpec;
import dev.dbplane.problem.ProblemViolation;
import dev.dbplane.resource.Advisory;
import dev.dbplane.resource.ResourceOutputs;
import dev.dbplane.resource.ResourceRequest;
import dev.dbplane.resource.ValidationOutcome;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;
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
    @Schema(implementation = Map.class, description = "the kind's normalised spec (for a cluster, a ClusterSpec); absent when not valid")
    @Nullable ResourceSpec normalized,
    Credentials credentials) {

  /**
   * @param source {@code request} (provider_config.api_token), {@code server-default} or {@code
   *     none}; for a resource inside a cluster, {@code cluster}: the token the cluster keeps, else the
   *     server's default (one that can have neither is refused)
   * @param apiToken always redacted
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Credentials(
      @Schema(allowableValues = {"request", "server-default", "none", "cluster"}) String source,
      @Nullable String apiToken,
      @Nullable String defaultRegion) {}

  /**
   * @param otherwise where the token comes from when the request brings none
   */
  static ValidationReport of(ResourceRequest<?> request, FindingsAsWritten fields, ValidationOutcome<?> outcome, String otherwise) {
    Credentials credentials =
        request
            .providerConfig()
            .map(config -> new Credentials("request", config.getApiToken().isEmpty() ? null : ResourceOutputs.REDACTED, config.getDefaultRegion().name()))
            .orElseGet(() -> new Credentials(otherwise, null, null));
    return new ValidationReport(
        outcome.valid(), fields.violations(outcome.violations()), fields.advisories(outcome.advisories()), outcome.spec(), credentials);
  }
}
