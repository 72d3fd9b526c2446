package dev.dbplane.resource;

import dev.dbplane.engine.Operation;
import dev.dbplane.engine.KindRegistry;
import dev.dbplane.engine.Secret;
import dev.dbplane.engine.SpecType;
import dev.dbplane.engine.StackResult;
import dev.dbplane.job.Job;
import dev.dbplane.job.JobErrorCode;
import dev.dbplane.job.JobSubjects;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Records on a resource of any kind what its jobs did: outputs and state after an UP, removal after a
 * destroy.
 */
public final class ResourceJobSubjects implements JobSubjects {

  private final KindRegistry<ResourceKind<?, ?>> kinds;
  private final ResourceStore resources;
  private final CredentialStore credentials;
  private final OutputStore outputs;
  private final Optional<Secret> defaultToken;
  private final Clock clock;

  ResourceJobSubjects(
      KindRegistry<ResourceKind<?, ?>> kinds, ResourceStore resources, CredentialStore credentials, OutputStore outputs,
      Optional<Secret> defaultToken, Clock clock) {
    this.kinds = kinds;
    this.resources = resources;
    this.credentials = credentials;
    this.outputs = outputs;
    this.defaultToken = defaultToken;
    this.clock = clock;
  }

  @Override
  public List<SpecType<?>> specTypes() {
    return kinds.all().stream().<SpecType<?>>map(ResourceKind::specType).toList();
  }

  @Override
  public Optional<Secret> tokenFor(UUID resourceId) {
    // A resource inside a cluster that brought no token of its own acts with its cluster's.
    return credentials.get(resourceId)
        .or(() -> resources.find(resourceId).map(ManagedResource::clusterId).flatMap(credentials::get))
        .or(() -> defaultToken);
  }

  @Override
  public Optional<String> heldResourceId(UUID resourceId) {
    return resources.find(resourceId).flatMap(resource -> outputs.get(resourceId)
        .map(stored -> stored.values().get(kinds.of(resource.kind()).outputs().id())));
  }

  @Override
  public void succeeded(Job job, StackResult result) {
    if (resources.find(job.clusterId()).isEmpty()) {
      return;
    }
    switch (job.operation()) {
      case UP -> {
        keepOutputs(job, result);
        resources.setState(job.clusterId(), ResourceState.READY, clock.instant());
      }
      case DESTROY -> resources.delete(job.clusterId());
      case REFRESH -> {
        if (result.resourceGone()) {
          outputs.remove(job.clusterId());
          resources.setState(job.clusterId(), ResourceState.GONE, clock.instant());
        } else {
          if (!result.outputs().isEmpty()) {
            keepOutputs(job, result);
          }
          // The stack holds the resource again: its state was restored.
          resources.find(job.clusterId()).filter(c -> c.state() == ResourceState.STATE_LOST)
              .ifPresent(c -> resources.setState(job.clusterId(), ResourceState.READY, clock.instant()));
        }
      }
      case PREVIEW -> {}
    }
  }

  /** The outputs, sealed, and DigitalOcean's id of the resource among them, by which others find it. */
  private void keepOutputs(Job job, StackResult result) {
    outputs.put(job.clusterId(), job.id(), result.outputs(), result.secretOutputs(), clock.instant());
    String digitalOceanId = result.outputs().get(kinds.of(job.spec().kind()).outputs().id());
    if (digitalOceanId != null && !digitalOceanId.isBlank()) {
      resources.setDigitalOceanId(job.clusterId(), digitalOceanId);
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
