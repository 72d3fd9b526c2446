package dev.dbplane.job;

import dev.dbplane.engine.ResourceSpec;
import java.util.UUID;

/**
 * A resource that lives in the one a job destroys, and that the job destroys first, in its own stack,
 * with its own token (or its cluster's).
 *
 * @param id the resource's id, by which its token and the id its stack holds are found
 * @param noun what kind of resource it is, in words ("connection pool")
 * @param spec the spec its stack holds, which its destroy acts on
 */
public record Dependent(UUID id, String noun, ResourceSpec spec) {}
