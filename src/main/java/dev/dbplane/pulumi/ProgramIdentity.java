package dev.dbplane.pulumi;

import dev.dbplane.engine.ResourceSpec;
import dev.dbplane.engine.SpecType;
import java.util.Map;
import java.util.Set;

/**
 * What the engine knows of a kind's program without running it, the same for every run: facts of the
 * kind, which its {@link KindProgram} states once.
 *
 * @param specType the kind, and its spec
 * @param noun how progress and errors call one resource of the kind ("cluster")
 * @param resourceType the Pulumi type of the resource the stack holds ({@code digitalocean:index/...})
 * @param exportedProperties each stack output and the property of the stack's resource it is, in the
 *     order the program exports them; a refresh reads them from the resource's refreshed state
 * @param secretOutputs the stack outputs whose values are secret
 * @param <S> the kind's normalised spec
 */
public record ProgramIdentity<S extends ResourceSpec>(
    SpecType<S> specType, String noun, String resourceType, Map<String, String> exportedProperties, Set<String> secretOutputs) {}
