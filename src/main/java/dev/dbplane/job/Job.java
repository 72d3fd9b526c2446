package dev.dbplane.job;

import dev.dbplane.engine.Operation;
import dev.dbplane.engine.ResourceSpec;
import dev.dbplane.engine.Verification;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One operation on one cluster's stack.
 *
 * @param spec the normalised spec the job applies (version {@code specVersion} of the cluster)
 * @param warnings the advisory warnings of the spec when the job was submitted
 * @param changes the resource-change summary the engine reported; null until it ends well
 * @param error why it failed; null unless FAILED
 * @param attempts how many times a worker started it (more than one after an interruption)
 * @param verification what connecting to the resource after a successful UP showed; null when not tried
 */
public record Job(
    UUID id,
    UUID clusterId,
    String clusterName,
    Operation operation,
    JobStatus status,
    String requestedBy,
    int specVersion,
    ResourceSpec spec,
    List<String> warnings,
    @Nullable Map<String, Integer> changes,
    @Nullable JobError error,
    int attempts,
    Instant queuedAt,
    @Nullable Instant startedAt,
    @Nullable Instant finishedAt,
    @Nullable Verification verification) {

  /** Whether this is a drift check that succeeded and found something differing from the stack. */
  public boolean foundDrift() {
    return operation == Operation.DRIFT_CHECK && status == JobStatus.SUCCEEDED && changes != null
        && changes.entrySet().stream().anyMatch(change -> !"same".equals(change.getKey()) && change.getValue() > 0);
  }

  /** What a caller may do with this job next. */
  public List<String> allowedActions() {
    return status == JobStatus.QUEUED || status == JobStatus.RUNNING ? List.of("cancel") : List.of();
  }
}
