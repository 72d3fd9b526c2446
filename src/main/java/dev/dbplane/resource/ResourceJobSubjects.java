package dev.dbplane.resource;

import dev.dbplane.engine.Operation;
import dev.dbplane.engine.Secret;
import dev.dbplane.engine.SpecType;
import dev.dbplane.engine.StackResult;
import dev.dbplane.job.Job;
import dev.dbplane.job.JobErrorCode;
import dev.dbplane.job.JobSubjects;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * Records on a resource of one kind what its jobs did: outputs and state after an UP, removal after a
 * destroy.
 */
public final class ResourceJobSubjects implements JobSubjects {

  private final SpecType<?> specType;
  private final OutputNames outputNames;
  private final ResourceStore resources;
  private final CredentialStore credentials;
  private final OutputStore outputs;
  private final Optional<Secret> defaultToken;
  private final Clock clock;

  public ResourceJobSubjects(
      SpecType<?> specType, OutputNames outputNames, ResourceStore resources, CredentialStore credentials, OutputStore outputs,
      Optional<Secret> defaultToken, Clock clock) {
    this.specType = specType;
    this.outputNames = outputNames;
    this.resources = resources;
    this.credentials = credentials;
    this.outputs = outputs;
    this.defaultToken = defaultToken;
    this.clock = clock;
  }

  @Override
  public SpecType<?> specType() {
    return specType;
  }

  @Override
  public Optional<Secret> tokenFor(UUID resourceId) {
    return credentials.get(resourceId).or(() -> defaultToken);
  }

  @Override
  public Optional<String> heldResourceId(UUID resourceId) {
    return outputs.get(resourceId).map(stored -> stored.values().get(outputNames.id()));
  }

  @Override
  public void succeeded(Job job, StackResult result) {
    if (resources.find(job.clusterId()).isEmpty()) {
      return;
    }
    switch (job.operation()) {
      case UP -> {
        outputs.put(job.clusterId(), job.id(), result.outputs(), result.secretOutputs(), clock.instant());
        resources.setState(job.clusterId(), ResourceState.READY, clock.instant());
      }
      case DESTROY -> resources.delete(job.clusterId());
      case REFRESH -> {
        if (result.resourceGone()) {
          outputs.remove(job.clusterId());
          resources.setState(job.clusterId(), ResourceState.GONE, clock.instant());
        } else {
          if (!result.outputs().isEmpty()) {
            outputs.put(job.clusterId(), job.id(), result.outputs(), result.secretOutputs(), clock.instant());
          }
          // The stack holds the resource again: its state was restored.
          resources.find(job.clusterId()).filter(c -> c.state() == ResourceState.STATE_LOST)
              .ifPresent(c -> resources.setState(job.clusterId(), ResourceState.READY, clock.instant()));
        }
      }
      case PREVIEW -> {}
    }
  }

  @Override
  public void didNotSucceed(Job job) {
    if (resources.find(job.clusterId()).isEmpty()) {
      return;
    }
    if (job.error() != null && job.error().code() == JobErrorCode.STATE_LOST) {
      resources.setState(job.clusterId(), ResourceState.STATE_LOST, clock.instant());
    } else if (job.operation() == Operation.UP) {
      resources.setState(job.clusterId(), ResourceState.FAILED, clock.instant());
    } else if (job.operation() == Operation.DESTROY) {
      // The resource was not destroyed: it is as its last UP left it.
      ResourceState state = outputs.get(job.clusterId()).isPresent() ? ResourceState.READY : ResourceState.FAILED;
      resources.setState(job.clusterId(), state, clock.instant());
    }
  }
}
