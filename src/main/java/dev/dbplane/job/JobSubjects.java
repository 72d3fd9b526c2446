package dev.dbplane.job;

import dev.dbplane.engine.Secret;
import dev.dbplane.engine.StackResult;
import java.util.Optional;
import java.util.UUID;

/**
 * What jobs need from the owner of the clusters they act on, implemented there: the token to act
 * with, and what to record when a job ends. The end hooks run in the transaction that ends the job,
 * so a job's status and the cluster's record never disagree.
 */
public interface JobSubjects {

  /** The DigitalOcean token for the cluster's jobs; empty when there is none any more. */
  Optional<Secret> tokenFor(UUID clusterId);

  /** The DigitalOcean id of the cluster the cluster's stack held after its last successful run. */
  Optional<String> heldClusterId(UUID clusterId);

  void succeeded(Job job, StackResult result);

  /** The job failed or was cancelled; {@code job} holds its final status and error. */
  void didNotSucceed(Job job);
}
