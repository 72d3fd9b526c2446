package dev.dbplane.resource;

import dev.dbplane.engine.Operation;
import dev.dbplane.engine.KindRegistry;
import dev.dbplane.engine.Secret;
import dev.dbplane.engine.SpecType;
import dev.dbplane.engine.StackResult;
import dev.dbplane.job.Dependent;
import dev.dbplane.job.Job;
import dev.dbplane.job.JobErrorCode;
import dev.dbplane.job.JobSubjects;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Records on a resource of any kind what its jobs did: outputs and state after an UP, a refresh that
 * found drift and a password rotation; removal after a destroy, and of what went first with a
 * cluster as soon as it went.
 */
public final class ResourceJobSubjects implements JobSubjects {

  private final KindRegistry<ResourceKind<?, ?>> kinds;
  private final ResourceStore resources;
  private final CredentialStore credentials;
  private final OutputStore outputs;
  private final ClusterResolver clusters;
  private final Optional<Secret> defaultToken;
  private final Clock clock;

  ResourceJobSubjects(
      KindRegistry<ResourceKind<?, ?>> kinds, ResourceRecords records, Optional<Secret> defaultToken, Clock clock) {
    this.kinds = kinds;
    this.resources = records.resources();
    this.credentials = records.credentials();
    this.outputs = records.outputs();
    this.clusters = records.clusters();
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

  /** A cluster's destroy that was asked to take along what lives in it finds it still there. */
  @Override
  public List<Dependent> destroyedFirst(Job job) {
    if (job.operation() != Operation.DESTROY) {
      return List.of();
    }
    return resources.inCluster(job.clusterId()).stream()
        .sorted(Comparator.comparingInt(inside -> kinds.of(inside.kind()) instanceof AttachedKind<?, ?> attached ? attached.destroyOrder() : 0))
        .map(inside -> dependent(kinds.of(inside.kind()), inside))
        .toList();
  }

  private Dependent dependent(ResourceKind<?, ?> kind, ManagedResource inside) {
    return new Dependent(inside.id(), kind.noun(), clusters.specOf(kind, inside));
  }

  @Override
  public void destroyedBefore(Job job, Dependent dependent) {
    resources.delete(dependent.id());
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
      case REFRESH, ROTATE_PASSWORD -> {
        if (result.resourceGone()) {
          outputs.remove(job.clusterId());
          resources.setState(job.clusterId(), ResourceState.GONE, clock.instant());
        } else {
          if (!result.outputs().isEmpty()) {
            keepOutputs(job, result);
          }
          // The stack holds the resource again (its state was restored), or took in what drifted.
          resources.find(job.clusterId()).filter(c -> c.state() == ResourceState.STATE_LOST || c.state() == ResourceState.DRIFTED)
              .ifPresent(c -> resources.setState(job.clusterId(), ResourceState.READY, clock.instant()));
        }
      }
      case DRIFT_CHECK -> resources.find(job.clusterId())
          .filter(checked -> checked.state() == ResourceState.READY || checked.state() == ResourceState.DRIFTED)
          .ifPresent(checked -> resources.setState(job.clusterId(), job.foundDrift() ? ResourceState.DRIFTED : ResourceState.READY, clock.instant()));
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
      // What was not destroyed is as its last UP left it; what went first with the cluster is gone.
      settleUndestroyed(job.clusterId());
      resources.inCluster(job.clusterId()).stream().filter(inside -> inside.state() == ResourceState.DESTROYING)
          .forEach(inside -> settleUndestroyed(inside.id()));
    }
  }

  private void settleUndestroyed(UUID id) {
    resources.setState(id, outputs.get(id).isPresent() ? ResourceState.READY : ResourceState.FAILED, clock.instant());
  }
}
