package dev.dbplane.resource;

import com.google.protobuf.Message;
import dev.dbplane.engine.ResourceSpec;
import java.util.List;
import org.project_planton.shared.foreignkey.v1.StringValueOrRef;

/**
 * A kind whose resources live inside one database cluster (a firewall, a pool, a user, a database, a
 * replica): each names its cluster, is judged against that cluster and its siblings, and acts on the
 * cluster's DigitalOcean id, which the pipeline resolves and binds into the normalised spec.
 *
 * @param <M> the kind's manifest
 * @param <S> the kind's normalised spec
 */
public interface AttachedKind<M extends Message, S extends ResourceSpec> extends ResourceKind<M, S> {

  /**
   * The manifest's reference to its cluster ({@code spec.cluster}): a literal id (of a cluster this
   * service manages, else DigitalOcean's id of one), or a reference by {@code metadata.name} to a
   * managed cluster of the same org, in the manifest's env unless the reference names one.
   */
  StringValueOrRef clusterOf(M manifest);

  /** The manifest's field that holds the cluster reference, for the answer that refuses it. */
  default String clusterField() {
    return "spec.cluster";
  }

  /**
   * Checks what depends on the cluster: its engine, its size, what the kind's resources already in
   * it take up.
   *
   * @param others the normalised specs of the kind's other resources in the same cluster (an update
   *     leaves out the resource it changes)
   */
  void checkAgainst(M manifest, ClusterFacts cluster, List<S> others, Findings findings);

  /**
   * When a cluster is destroyed with what lives in it, the kinds go in this order, lowest first, and
   * within a kind by name: a kind whose resources use another's (a pool its user and database) goes
   * before it.
   */
  default int destroyOrder() {
    return 1;
  }

  /** The spec acting on the cluster whose DigitalOcean id is {@code clusterId}. */
  S bindCluster(S spec, String clusterId);
}
