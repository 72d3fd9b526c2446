package dev.dbplane.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.dbplane.resource.Advisory;
import dev.dbplane.resource.Submission;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The answer to an accepted request for a resource inside a cluster: the job to follow, the resource
 * it acts on and its ETag, the managed cluster it lives in, and advice.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ResourceSubmissionView(JobView job, UUID resourceId, String etag, @Nullable UUID clusterId, List<Advisory> warnings) {

  static ResourceSubmissionView of(Submission submission) {
    return new ResourceSubmissionView(JobView.of(submission.job()), submission.resource().id(), submission.resource().etag(),
        submission.resource().clusterId(), submission.warnings());
  }
}
