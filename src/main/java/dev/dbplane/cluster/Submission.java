package dev.dbplane.cluster;

import dev.dbplane.job.Job;
import dev.dbplane.resource.Advisory;
import java.util.List;

/** What a caller gets for an accepted request: the cluster, the job queued for it, and advice. */
public record Submission(Cluster cluster, Job job, List<Advisory> warnings) {}
