package dev.dbplane.cluster;

/** A cluster of that name is already managed here; update it instead. */
public final class ClusterAlreadyExistsException extends RuntimeException {

  private final Cluster existing;

  ClusterAlreadyExistsException(Cluster existing) {
    super("a cluster named " + existing.name() + " already exists");
    this.existing = existing;
  }

  public Cluster existing() {
    return existing;
  }
}
