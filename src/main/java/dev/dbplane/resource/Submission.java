package dev.dbplane.resource;

import dev.dbplane.job.Job;
import java.util.List;

/** What a caller gets for an accepted request: the resource, the job queued for it, and advice. */
public record Submission(ManagedResource resource, Job job, List<Advisory> warnings) {}
