package dev.dbplane.api;

import dev.dbplane.resource.Submission;
import dev.dbplane.resource.Advisory;
import java.util.List;
import java.util.UUID;

/** The answer to an accepted request: the job to follow, the cluster it acts on, and advice. */
record SubmissionView(JobView job, UUID clusterId, String clusterEtag, List<Advisory> warnings) {

  static SubmissionView of(Submission submission) {
    return new SubmissionView(
        JobView.of(submission.job()), submission.resource().id(), submission.resource().etag(), submission.warnings());
  }
}
