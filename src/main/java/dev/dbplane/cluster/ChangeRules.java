package dev.dbplane.cluster;

import dev.dbplane.resource.ChangeVerdict;
import dev.dbplane.resource.NodeSize;
import dev.dbplane.resource.Replacements;
import dev.dbplane.resource.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What an update may change in place. Changing the engine, the name or the VPC makes DigitalOcean
 * replace the cluster (destroying its data); shrinking storage or the node size, going back to the
 * size's default storage, or downgrading the engine version cannot be done at all.
 */
final class ChangeRules {

  private ChangeRules() {}

  static ChangeVerdict judge(ClusterSpec current, ClusterSpec next) {
    List<Violation> replacements = new Replacements("dbplane.change.replaces_cluster", "the cluster, which destroys its data")
        .ifChanged("spec.engine", current.engine(), next.engine())
        .ifChanged("spec.cluster_name", current.clusterName(), next.clusterName())
        .ifChanged("spec.vpc", current.privateNetworkUuid(), next.privateNetworkUuid())
        .violations();
    List<Violation> unsupported = new ArrayList<>();
    checkStorage(current, next, unsupported);
    checkSize(current, next, unsupported);
    if (current.engine().equals(next.engine()) && compareVersions(next.version(), current.version()) < 0) {
      unsupported.add(new Violation("spec.engine_version", "dbplane.change.version_downgrade",
          "DigitalOcean cannot downgrade " + current.engine() + " from " + current.version() + " to " + next.version()));
    }
    return new ChangeVerdict(replacements, unsupported);
  }

  private static void checkStorage(ClusterSpec current, ClusterSpec next, List<Violation> unsupported) {
    if (current.storageSizeMib() == null) {
      return;
    }
    if (next.storageSizeMib() == null) {
      unsupported.add(new Violation("spec.storage_gib", "dbplane.change.storage_shrink",
          "storage cannot go back to the size's default; keep storage_gib at " + Long.parseLong(current.storageSizeMib()) / 1024 + " or more"));
    } else if (Long.parseLong(next.storageSizeMib()) < Long.parseLong(current.storageSizeMib())) {
      unsupported.add(new Violation("spec.storage_gib", "dbplane.change.storage_shrink",
          "DigitalOcean cannot shrink storage; it is " + Long.parseLong(current.storageSizeMib()) / 1024 + " GiB"));
    }
  }

  private static void checkSize(ClusterSpec current, ClusterSpec next, List<Violation> unsupported) {
    Optional<NodeSize> from = NodeSize.of(current.size());
    Optional<NodeSize> to = NodeSize.of(next.size());
    if (from.isPresent() && to.isPresent() && to.get().smallerThan(from.get())) {
      unsupported.add(new Violation("spec.size_slug", "dbplane.change.size_shrink",
          "DigitalOcean cannot shrink a cluster's nodes from " + current.size() + " to " + next.size()));
    }
  }

  private static int compareVersions(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      int cmp = Long.compare(i < x.length ? Long.parseLong(x[i]) : 0, i < y.length ? Long.parseLong(y[i]) : 0);
      if (cmp != 0) {
        return cmp;
      }
    }
    return 0;
  }
}
