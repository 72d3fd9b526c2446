package dev.dbplane.resource;

import dev.dbplane.engine.Verification;
import dev.dbplane.job.Job;
import java.util.List;
import java.util.Optional;

/**
 * A resource with what a reader wants beside it: its outputs (to be shown redacted), its jobs, and
 * what lives in it (for a cluster).
 */
public record ResourceDetails(
    ManagedResource resource,
    Optional<ResourceOutputs> outputs,
    Optional<Job> lastJob,
    Optional<Job> activeJob,
    List<ManagedResource> inside,
    Optional<Verification> verification) {

  /** What a caller may do with the resource next. */
  public List<String> allowedActions() {
    if (activeJob.isPresent()) {
      return List.of("cancel-job");
    }
    return List.of("update", "preview", "refresh", "destroy");
  }
}
