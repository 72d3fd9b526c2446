package dev.dbplane.resource;

import com.google.protobuf.Message;
import dev.dbplane.engine.KindRegistry;
import dev.dbplane.engine.ResourceSpec;
import java.util.Optional;
import java.util.UUID;
import org.project_planton.shared.CloudResourceMetadata;
import org.project_planton.shared.foreignkey.v1.StringValueOrRef;
import org.project_planton.shared.foreignkey.v1.ValueFromRef;

/**
 * Finds the cluster a resource names: by this service's id or DigitalOcean's, or by the
 * {@code metadata.name} of a managed cluster in the resource's org (and env, unless the reference
 * names one). A literal id no managed cluster has is taken as a cluster DigitalOcean has that this
 * service does not manage.
 */
public final class ClusterResolver {

  private final ResourceStore resources;
  private final HostKind<?, ?> host;

  ClusterResolver(ResourceStore resources, KindRegistry<ResourceKind<?, ?>> kinds) {
    this.resources = resources;
    this.host = kinds.all().stream().filter(HostKind.class::isInstance).map(kind -> (HostKind<?, ?>) kind).findFirst()
        .orElseThrow(() -> new IllegalStateException("no kind that other resources live in is known: " + kinds.kinds()));
  }

  /**
   * @param field the manifest's field of the reference, as the request names it
   * @throws InvalidSpecException when it names no cluster this request can act on
   */
  public ClusterTarget resolve(StringValueOrRef reference, CloudResourceMetadata metadata, String field) {
    if (reference.hasValueFrom()) {
      ValueFromRef ref = reference.getValueFrom();
      String env = ref.getEnv().isEmpty() ? metadata.getEnv() : ref.getEnv();
      ManagedResource cluster = resources.findByManifestName(host.name(), metadata.getOrg(), env, ref.getName())
          .orElseThrow(() -> refused(field + ".value_from.name", "dbplane.cluster.unknown",
              "no cluster named " + ref.getName() + " is managed here in org " + metadata.getOrg() + " and env " + env));
      return managed(cluster, field);
    }
    String id = References.literalClusterId(reference);
    Optional<ManagedResource> managed = uuid(id).flatMap(serviceId -> resources.find(host.name(), serviceId))
        .or(() -> resources.findByDigitalOceanId(host.name(), id));
    return managed.map(cluster -> managed(cluster, field + ".value"))
        .orElseGet(() -> new ClusterTarget(Optional.empty(), Optional.empty(), id));
  }

  /** The cluster a stored resource acts on, as it was resolved when it was submitted. */
  public ClusterTarget stored(ManagedResource resource, StringValueOrRef reference) {
    if (resource.clusterId() == null) {
      return new ClusterTarget(Optional.empty(), Optional.empty(), References.literalClusterId(reference));
    }
    ManagedResource cluster = resources.find(resource.clusterId()).orElseThrow(
        () -> new IllegalStateException("the cluster " + resource.clusterId() + " of " + resource.name() + " has no record"));
    if (cluster.digitalOceanId() == null) {
      // Nothing is placed in a cluster before it has its id, and the id is kept from then on.
      throw new IllegalStateException("the cluster " + cluster.name() + " that " + resource.name() + " lives in has no DigitalOcean id");
    }
    return new ClusterTarget(Optional.of(cluster), Optional.of(factsOf(cluster)), cluster.digitalOceanId());
  }

  /**
   * The spec a stored resource's stack holds: its manifest normalised in the stack it was created
   * in and, for a resource inside a cluster, bound to the cluster it acts on.
   */
  public <M extends Message, S extends ResourceSpec> S specOf(ResourceKind<M, S> kind, ManagedResource resource) {
    M manifest = kind.manifestType().cast(resource.manifest());
    S spec = kind.normalise(manifest, resource.stack());
    return kind instanceof AttachedKind<M, S> attached ? attached.bindCluster(spec, stored(resource, attached.clusterOf(manifest)).digitalOceanId()) : spec;
  }

  private ClusterTarget managed(ManagedResource cluster, String field) {
    if (cluster.digitalOceanId() == null) {
      throw refused(field, "dbplane.cluster.not_provisioned",
          "the cluster " + cluster.name() + " (" + cluster.id() + ") is " + cluster.state()
              + " and has no DigitalOcean id yet: submit this once its first job has succeeded");
    }
    if (cluster.state() == ResourceState.DESTROYING) {
      throw refused(field, "dbplane.cluster.destroying", "the cluster " + cluster.name() + " is being destroyed");
    }
    return new ClusterTarget(Optional.of(cluster), Optional.of(factsOf(cluster)), cluster.digitalOceanId());
  }

  private ClusterFacts factsOf(ManagedResource cluster) {
    return factsOf(host, cluster);
  }

  private static <M extends Message, S extends ResourceSpec> ClusterFacts factsOf(HostKind<M, S> kind, ManagedResource cluster) {
    return kind.facts(kind.normalise(kind.manifestType().cast(cluster.manifest()), cluster.stack()));
  }

  private static Optional<UUID> uuid(String value) {
    try {
      return Optional.of(UUID.fromString(value));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static InvalidSpecException refused(String field, String rule, String message) {
    return new InvalidSpecException(new ValidationOutcome<>(java.util.List.of(new Violation(field, rule, message)), java.util.List.of(), null));
  }
}
