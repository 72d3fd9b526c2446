package dev.dbplane.job;

import dev.dbplane.engine.Operation;
import dev.dbplane.engine.ResourceSpec;
import java.util.List;
import java.util.UUID;

/**
 * What a caller asks for when it submits a job.
 *
 * @param clusterId the resource the job acts on (a cluster, or a resource inside one)
 * @param lockId the cluster whose jobs never run at the same time: one of them is active at a time.
 *     A cluster's own id for its jobs, and for the jobs of what lives in it
 */
public record NewJob(
    UUID clusterId,
    String clusterName,
    Operation operation,
    String requestedBy,
    int specVersion,
    ResourceSpec spec,
    List<String> warnings,
    UUID lockId) {

  /** A job of a resource that is its own lock: a cluster, or a resource in no managed cluster. */
  public NewJob(
      UUID clusterId, String clusterName, Operation operation, String requestedBy, int specVersion, ResourceSpec spec, List<String> warnings) {
    this(clusterId, clusterName, operation, requestedBy, specVersion, spec, warnings, clusterId);
  }
}
