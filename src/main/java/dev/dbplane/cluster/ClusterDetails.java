package dev.dbplane.cluster;

import dev.dbplane.job.Job;
import dev.dbplane.resource.ResourceOutputs;
import java.util.List;
import java.util.Optional;

/** A cluster with what a reader wants beside it: its outputs (to be shown redacted) and its jobs. */
public record ClusterDetails(Cluster cluster, Optional<ResourceOutputs> outputs, Optional<Job> lastJob, Optional<Job> activeJob) {

  /** What a caller may do with the cluster next. */
  public List<String> allowedActions() {
    if (activeJob.isPresent()) {
      return List.of("cancel-job");
    }
    return List.of("update", "preview", "refresh", "destroy");
  }
}
