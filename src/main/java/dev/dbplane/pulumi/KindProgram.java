package dev.dbplane.pulumi;

import dev.dbplane.digitalocean.DigitalOceanApiException;
import dev.dbplane.engine.ResourceSpec;
import dev.dbplane.engine.Secret;
import dev.dbplane.engine.SpecType;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What one resource kind gives the Pulumi engine: the program that provisions its spec, and how its
 * stack's resource reads in the stack's state. The engine does the rest, the same for every kind:
 * the CLI, locks, events, recovery of an interrupted run, lost state, outputs.
 *
 * @param <S> the kind's normalised spec
 */
public interface KindProgram<S extends ResourceSpec> {

  /** The kind, its resource and its outputs, which the methods below read. */
  ProgramIdentity<S> identity();

  default SpecType<S> specType() {
    return identity().specType();
  }

  default String noun() {
    return identity().noun();
  }

  default String resourceType() {
    return identity().resourceType();
  }

  default Map<String, String> exportedProperties() {
    return identity().exportedProperties();
  }

  default Set<String> secretOutputs() {
    return identity().secretOutputs();
  }

  /**
   * A program for one run, acting with {@code token} through an explicit provider
   * ({@link DigitalOceanProvider#explicit}).
   *
   * @param apiEndpoint where the DigitalOcean API is; null for DigitalOcean itself
   */
  StackProgram program(S spec, Secret token, @Nullable String apiEndpoint);

  /**
   * The id, as the stack's resource holds it, of the resource {@code spec} describes, if DigitalOcean
   * has it: an interrupted run's create that reached DigitalOcean is taken into the stack by it,
   * instead of being created a second time.
   */
  Optional<String> existingId(S spec, Secret token) throws DigitalOceanApiException;

  /**
   * Has DigitalOcean give the resource {@code spec} describes a new password; the engine then reads
   * it into the stack. False for a kind without a password of its own, which nothing asks it of.
   */
  default boolean resetPassword(S spec, Secret token) throws DigitalOceanApiException {
    return false;
  }
}
