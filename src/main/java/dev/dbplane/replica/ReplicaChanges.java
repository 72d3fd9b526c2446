package dev.dbplane.replica;

import dev.dbplane.resource.ChangeVerdict;
import dev.dbplane.resource.NodeSize;
import dev.dbplane.resource.Replacements;
import dev.dbplane.resource.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What an update of a replica may change in place, as the provider does it: the size grows and the
 * storage grows in place; another cluster, name, region, VPC or set of tags makes DigitalOcean
 * replace the replica; smaller nodes or storage cannot be had at all.
 */
final class ReplicaChanges {

  private ReplicaChanges() {}

  static ChangeVerdict judge(ReplicaSpec current, ReplicaSpec next) {
    List<Violation> replacements = new Replacements("dbplane.change.replaces_replica",
            "the replica: a new one copies the cluster's data again, with a new host and password")
        .ifChanged("spec.cluster", current.clusterId(), next.clusterId())
        .ifChanged("spec.name", current.name(), next.name())
        .ifChanged("spec.region", current.region(), next.region())
        .ifChanged("spec.private_network", current.privateNetworkUuid(), next.privateNetworkUuid())
        .ifChanged("metadata", "the tags made from metadata", String.join(",", current.tags()), String.join(",", next.tags()))
        .violations();
    List<Violation> unsupported = new ArrayList<>();
    checkSize(current, next, unsupported);
    checkStorage(current, next, unsupported);
    return new ChangeVerdict(replacements, unsupported);
  }

  private static void checkSize(ReplicaSpec current, ReplicaSpec next, List<Violation> unsupported) {
    Optional<NodeSize> from = NodeSize.of(current.size());
    Optional<NodeSize> to = NodeSize.of(next.size());
    if (from.isPresent() && to.isPresent() && to.get().smallerThan(from.get())) {
      unsupported.add(new Violation("spec.size_slug", "dbplane.change.size_shrink",
          "DigitalOcean can only grow a replica's node, not shrink it from " + current.size() + " to " + next.size()));
    }
  }

  private static void checkStorage(ReplicaSpec current, ReplicaSpec next, List<Violation> unsupported) {
    if (current.storageSizeMib() == null) {
      return;
    }
    long currentGib = Long.parseLong(current.storageSizeMib()) / ReplicaKind.MIB_PER_GIB;
    if (next.storageSizeMib() == null) {
      unsupported.add(new Violation("spec.storage_gib", "dbplane.change.storage_shrink",
          "storage cannot go back to the size's default; keep storage_gib at " + currentGib + " or more"));
    } else if (Long.parseLong(next.storageSizeMib()) < Long.parseLong(current.storageSizeMib())) {
      unsupported.add(new Violation("spec.storage_gib", "dbplane.change.storage_shrink",
          "DigitalOcean cannot shrink storage; it is " + currentGib + " GiB"));
    }
  }
}
