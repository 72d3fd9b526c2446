package dev.dbplane.resource;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import org.project_planton.provider.digitalocean.DigitalOceanRegion;
import org.project_planton.shared.CloudResourceMetadata;

/**
 * The service's rules every request follows, whatever its kind: a stack input carries its manifest,
 * a token can be had for its job, status is the service's, and the metadata fits DigitalOcean's
 * tags, the Pulumi stack name and the database. Each rule has a stable id under {@code dbplane.}.
 */
public final class RequestRules {

  private static final String TOKEN_FIELD = "provider_config.api_token";

  /** What becomes of a request that brings no token when the server has no default token either. */
  public enum MissingToken {
    /**
     * Advice: the request is judged on its own (validate), and the resource it will be sent for may
     * hold the token it was created with, though a create needs one.
     */
    ADVISE,
    /** A violation: a create, or a change of a resource that holds no token, could not reach DigitalOcean. */
    REFUSE,
    /** Nothing to say: a change of a resource that holds its token, which its job uses. */
    ACCEPT
  }

  private final boolean defaultTokenConfigured;

  public RequestRules(boolean defaultTokenConfigured) {
    this.defaultTokenConfigured = defaultTokenConfigured;
  }

  /**
   * False when the request carries no manifest to judge further (a stack input without target):
   * every other rule would only repeat that.
   */
  public <M extends Message> boolean check(ResourceRequest<M> request, ResourceKind<M, ?> kind, MissingToken missingToken, Findings findings) {
    if (request.lacksTarget()) {
      findings.requestViolation(
          "target", "dbplane.stack_input.target_required", "a stack input must carry the " + kind.noun() + " manifest as target");
      return false;
    }
    checkToken(request, kind, missingToken, findings);
    M manifest = request.manifest();
    if (manifest.hasField(field(manifest, "status"))) {
      findings.violation("status", "dbplane.status.read_only", "status is set by the service and must not be sent");
    }
    CloudResourceMetadata metadata = metadataOf(manifest);
    InputLimits.checkMetadata(metadata, findings);
    // A field already refused for its length or characters also makes a bad stack name: one report.
    StackNames.malformed(metadata, kind.resourceName(manifest))
        .filter(v -> !findings.hasViolation(v.field()))
        .ifPresent(v -> findings.violation(v.field(), v.rule(), v.message()));
    return true;
  }

  /** Every Project Planton resource carries the same metadata. */
  static CloudResourceMetadata metadataOf(Message manifest) {
    return (CloudResourceMetadata) manifest.getField(field(manifest, "metadata"));
  }

  private static FieldDescriptor field(Message manifest, String name) {
    return MessageFields.required(manifest, name, "a resource manifest");
  }

  private void checkToken(ResourceRequest<?> request, ResourceKind<?, ?> kind, MissingToken missingToken, Findings findings) {
    request
        .providerConfig()
        .ifPresent(
            config -> {
              String token = config.getApiToken();
              if (!token.isEmpty() && token.isBlank()) {
                findings.requestViolation(TOKEN_FIELD, "dbplane.provider_config.token_blank", "must not be blank");
              } else if (!token.isEmpty()) {
                InputLimits.checkToken(token, findings);
              }
              if (config.getDefaultRegion() == DigitalOceanRegion.UNRECOGNIZED) {
                findings.requestViolation(
                    "provider_config.default_region",
                    "dbplane.region.known",
                    "region " + config.getDefaultRegionValue() + " is not a known region");
              }
            });
    if (request.providerConfig().isPresent() || defaultTokenConfigured) {
      return;
    }
    String noun = kind.noun();
    switch (missingToken) {
      case REFUSE ->
          findings.requestViolation(
              TOKEN_FIELD,
              "dbplane.provider_config.token_required",
              "no DigitalOcean API token: send a stack input with provider_config.api_token, "
                  + "or configure a default token on the server");
      case ADVISE ->
          findings.adviseRequest(
              TOKEN_FIELD,
              "dbplane.token_needed",
              "the server has no default DigitalOcean API token, so a create of this " + noun + " needs one: send a stack "
                  + "input with provider_config.api_token; an update or preview of a " + noun + " that holds its token needs none");
      case ACCEPT -> {}
    }
  }
}
