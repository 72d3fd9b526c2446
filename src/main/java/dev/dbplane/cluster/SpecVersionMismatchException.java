package dev.dbplane.cluster;

/** The caller's If-Match names a version of the spec that is no longer current. */
public final class SpecVersionMismatchException extends RuntimeException {

  private final Cluster current;

  SpecVersionMismatchException(Cluster current) {
    super("the cluster's spec changed since it was read; its ETag is now " + current.etag());
    this.current = current;
  }

  public Cluster current() {
    return current;
  }
}
