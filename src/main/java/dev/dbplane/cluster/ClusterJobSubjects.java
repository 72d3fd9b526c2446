package dev.dbplane.cluster;

import dev.dbplane.engine.Operation;
import dev.dbplane.engine.Secret;
import dev.dbplane.engine.SpecType;
import dev.dbplane.engine.StackResult;
import dev.dbplane.job.Job;
import dev.dbplane.job.JobErrorCode;
import dev.dbplane.job.JobSubjects;
import dev.dbplane.resource.CredentialStore;
import dev.dbplane.resource.OutputStore;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/** Records on the cluster what its jobs did: outputs and state after an UP, removal after a destroy. */
final class ClusterJobSubjects implements JobSubjects {

  private final ClusterStore clusters;
  private final CredentialStore credentials;
  private final OutputStore outputs;
  private final Optional<Secret> defaultToken;
  private final Clock clock;

  ClusterJobSubjects(
      ClusterStore clusters, CredentialStore credentials, OutputStore outputs, Optional<Secret> defaultToken, Clock clock) {
    this.clusters = clusters;
    this.credentials = credentials;
    this.outputs = outputs;
    this.defaultToken = defaultToken;
    this.clock = clock;
  }

  @Override
  public SpecType<ClusterSpec> specType() {
    return ClusterSpec.TYPE;
  }

  @Override
  public Optional<Secret> tokenFor(UUID clusterId) {
    return credentials.get(clusterId).or(() -> defaultToken);
  }

  @Override
  public Optional<String> heldResourceId(UUID clusterId) {
    return outputs.get(clusterId).map(stored -> stored.values().get(ClusterKind.OUTPUTS.id()));
  }

  @Override
  public void succeeded(Job job, StackResult result) {
    if (clusters.find(job.clusterId()).isEmpty()) {
      return;
    }
    switch (job.operation()) {
      case UP -> {
        outputs.put(job.clusterId(), job.id(), result.outputs(), result.secretOutputs(), clock.instant());
        clusters.setState(job.clusterId(), ClusterState.READY, clock.instant());
      }
      case DESTROY -> clusters.delete(job.clusterId());
      case REFRESH -> {
        if (result.resourceGone()) {
          outputs.remove(job.clusterId());
          clusters.setState(job.clusterId(), ClusterState.GONE, clock.instant());
        } else {
          if (!result.outputs().isEmpty()) {
            outputs.put(job.clusterId(), job.id(), result.outputs(), result.secretOutputs(), clock.instant());
          }
          // The stack holds the cluster again: its state was restored.
          clusters.find(job.clusterId()).filter(c -> c.state() == ClusterState.STATE_LOST)
              .ifPresent(c -> clusters.setState(job.clusterId(), ClusterState.READY, clock.instant()));
        }
      }
      case PREVIEW -> {}
    }
  }

  @Override
  public void didNotSucceed(Job job) {
    if (clusters.find(job.clusterId()).isEmpty()) {
      return;
    }
    if (job.error() != null && job.error().code() == JobErrorCode.STATE_LOST) {
      clusters.setState(job.clusterId(), ClusterState.STATE_LOST, clock.instant());
    } else if (job.operation() == Operation.UP) {
      clusters.setState(job.clusterId(), ClusterState.FAILED, clock.instant());
    } else if (job.operation() == Operation.DESTROY) {
      // The cluster was not destroyed: it is as its last UP left it.
      ClusterState state = outputs.get(job.clusterId()).isPresent() ? ClusterState.READY : ClusterState.FAILED;
      clusters.setState(job.clusterId(), state, clock.instant());
    }
  }
}
