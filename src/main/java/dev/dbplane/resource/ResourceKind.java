package dev.dbplane.resource;

import com.google.protobuf.Message;
import dev.dbplane.engine.ResourceSpec;
import dev.dbplane.engine.Secret;
import dev.dbplane.engine.SpecType;
import dev.dbplane.engine.StackName;
import java.util.Optional;

/**
 * What one resource kind says of its own; the pipeline does the rest. The model's buf.validate
 * rules, the rules every request follows (a stack input's target, the token, metadata bounds, the
 * stack name) and the secrets of the outputs are the pipeline's; a kind adds its spec's rules and
 * advice, how a valid manifest becomes what its program provisions, and what an update may change.
 *
 * @param <M> the kind's manifest, a Project Planton resource message
 * @param <S> the kind's normalised spec, in DigitalOcean's terms
 */
public interface ResourceKind<M extends Message, S extends ResourceSpec> {

  /** The kind's name, messages and outputs, which the methods below read. */
  KindIdentity<M> identity();

  default String name() {
    return identity().name();
  }

  default String noun() {
    return identity().noun();
  }

  /** The kind's normalised spec, as jobs store it. */
  SpecType<S> specType();

  default Class<M> manifestType() {
    return identity().manifestType();
  }

  default Class<? extends Message> stackInputType() {
    return identity().stackInputType();
  }

  /**
   * The resource's name at DigitalOcean, as the manifest gives it; it stands in for a blank
   * {@code metadata.name} in the stack name.
   */
  String resourceName(M manifest);

  /**
   * Checks the kind's own rules; the model's and the request's were checked before.
   *
   * @param requestToken the DigitalOcean token the request brings, if it brings one: a kind that
   *     judges by what DigitalOcean offers judges by what that token is offered
   */
  void checkRules(M manifest, Optional<Secret> requestToken, Findings findings);

  /** Advice that does not block provisioning, for choices allowed but usually regretted. */
  void advise(M manifest, Optional<Secret> requestToken, Findings findings);

  /** The normalised spec of a manifest that breaks no rule, in the stack the pipeline named. */
  S normalise(M manifest, StackName stack);

  /** What an update from {@code current} to {@code next} would replace, and what it cannot do. */
  ChangeVerdict judgeChange(S current, S next);

  default OutputNames outputs() {
    return identity().outputs();
  }

  /** How many of the kind's resources an org may have in the environment {@code env}, if it is bounded. */
  default Optional<OrgLimit> orgLimit(String env) {
    return Optional.empty();
  }

  /** What lists of the kind's resources are filtered by, beside org and env. */
  default ManagedResource.Labels labels(S spec) {
    return ManagedResource.Labels.NONE;
  }
}
