package dev.dbplane.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.dbplane.cluster.ClusterKind;
import dev.dbplane.engine.Verification;
import dev.dbplane.job.Job;
import dev.dbplane.job.JobError;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A job as callers see it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record JobView(
    UUID id,
    UUID clusterId,
    String clusterName,
    String operation,
    String status,
    String requestedBy,
    int specVersion,
    Instant queuedAt,
    @Nullable Instant startedAt,
    @Nullable Instant finishedAt,
    List<String> warnings,
    @Nullable Map<String, Integer> changes,
    @Nullable JobError error,
    int attempts,
    @Nullable Verification verification,
    List<String> allowedActions,
    Map<String, String> links) {

  static JobView of(Job job) {
    String self = "/api/v1/jobs/" + job.id();
    return new JobView(
        job.id(), job.clusterId(), job.clusterName(), job.operation().name(), job.status().name(), job.requestedBy(),
        job.specVersion(), job.queuedAt(), job.startedAt(), job.finishedAt(), job.warnings(), job.changes(), job.error(),
        job.attempts(), job.verification(), job.allowedActions(),
        links(job, self));
  }

  /** The job's own, and the resource it is for at its kind's collection; a cluster's also as "cluster", as before. */
  private static Map<String, String> links(Job job, String self) {
    String resource = ResourcePaths.collectionOf(job.spec().kind()) + "/" + job.clusterId();
    Map<String, String> links = new LinkedHashMap<>(Map.of("self", self, "events", self + "/events", "stream", self + "/events/stream",
        "resource", resource));
    if (job.spec().kind().equals(ClusterKind.NAME)) {
      links.put("cluster", resource);
    }
    return links;
  }
}
