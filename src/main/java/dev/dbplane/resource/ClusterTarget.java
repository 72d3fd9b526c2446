package dev.dbplane.resource;

import java.util.Optional;
import java.util.UUID;

/**
 * The cluster a resource inside one acts on, as its reference resolved.
 *
 * @param managed the cluster's record, when this service manages it
 * @param facts what the resource is judged against; empty for a cluster this service does not manage
 * @param digitalOceanId DigitalOcean's id of the cluster, what the resource's program acts on
 */
public record ClusterTarget(Optional<ManagedResource> managed, Optional<ClusterFacts> facts, String digitalOceanId) {

  /** What no two resources of a kind in one cluster may share, beside their name. */
  String key() {
    return managed.map(cluster -> cluster.id().toString()).orElse(digitalOceanId);
  }

  Optional<UUID> managedId() {
    return managed.map(ManagedResource::id);
  }
}
