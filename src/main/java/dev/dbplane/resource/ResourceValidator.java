package dev.dbplane.resource;

import com.google.protobuf.Message;
import dev.dbplane.engine.ResourceSpec;
import dev.dbplane.engine.Secret;
import java.util.Optional;

/**
 * Judges a request for a resource of one kind in three layers (the model's buf.validate rules, the
 * service's own rules: the request's and the kind's, and advice that does not block) and normalises
 * a valid one into DigitalOcean's terms. Thread-safe.
 */
public final class ResourceValidator<M extends Message, S extends ResourceSpec> {

  private final ResourceKind<M, S> kind;
  private final ModelRules modelRules = new ModelRules();
  private final RequestRules requestRules;

  /**
   * @param defaultTokenConfigured whether the server holds a DigitalOcean token to use when a
   *     request brings none
   */
  public ResourceValidator(ResourceKind<M, S> kind, boolean defaultTokenConfigured) {
    this.kind = kind;
    this.requestRules = new RequestRules(defaultTokenConfigured);
  }

  public ResourceKind<M, S> kind() {
    return kind;
  }

  /**
   * Judges a request on its own, as the validate endpoint does. One that brings no token is valid,
   * with advice when the server has no default token either: a create needs one, but the resource
   * the request is meant for may hold the token it was created with.
   */
  public ValidationOutcome<S> validate(ResourceRequest<M> request) {
    return validate(request, RequestRules.MissingToken.ADVISE);
  }

  /**
   * Judges a request about to be submitted: it is refused when no token can be had for its job,
   * from the request, the resource or the server.
   *
   * @param resourceHoldsToken whether the resource the request is for holds a token; false for a
   *     create
   */
  public ValidationOutcome<S> validateSubmission(ResourceRequest<M> request, boolean resourceHoldsToken) {
    return validate(request, resourceHoldsToken ? RequestRules.MissingToken.ACCEPT : RequestRules.MissingToken.REFUSE);
  }

  private ValidationOutcome<S> validate(ResourceRequest<M> request, RequestRules.MissingToken missingToken) {
    Findings findings = new Findings(request.manifestPath());
    modelRules.check(request, findings);
    M manifest = request.manifest();
    Optional<Secret> requestToken = request.token();
    if (requestRules.check(request, kind, missingToken, findings)) {
      kind.checkRules(manifest, requestToken, findings);
    }
    kind.advise(manifest, requestToken, findings);
    S spec = findings.violations().isEmpty() ? normalise(manifest) : null;
    return new ValidationOutcome<>(findings.violations(), findings.advisories(), spec);
  }

  /** The normalised spec of a manifest that was valid when it was stored. */
  public S normalise(M manifest) {
    return kind.normalise(manifest, StackNames.of(RequestRules.metadataOf(manifest), kind.resourceName(manifest)));
  }
}
