package dev.dbplane.engine;

import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Everything the engine needs for one run of one operation on one stack.
 *
 * @param jobId the job this run belongs to
 * @param spec what the stack must hold
 * @param token the DigitalOcean token to act with
 * @param resumed true when an earlier run of this job was interrupted (its worker died); the engine
 *     must first clear what that run may have left (a stale lock, pending operations)
 * @param heldResourceId the DigitalOcean id of the resource the stack held after its last successful
 *     run, as the service stored it; null while it holds none. A stack that no longer holds it has
 *     lost its state, and the engine must not act on it (an UP would create a second one)
 * @param events where progress goes, as it happens
 */
public record StackRun(UUID jobId, ResourceSpec spec, Secret token, boolean resumed, @Nullable String heldResourceId, Consumer<StackEvent> events) {}
