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

  /** The kind, and its spec. */
  SpecType<S> specType();

  /** How progress and errors call one resource of the kind ("cluster"). */
  String noun();

  /** The Pulumi type of the resource the stack holds ({@code digitalocean:index/...}). */
  String resourceType();

  /**
   * Each stack output and the property of the stack's resource it is, in the order the program
   * exports them; a refresh reads them from the resource's refreshed state.
   */
  Map<String, String> exportedProperties();

  Set<String> secretOutputs();

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
}
