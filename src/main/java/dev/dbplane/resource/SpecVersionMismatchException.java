package dev.dbplane.resource;

/** The caller's If-Match names a version of the spec that is no longer current. */
public final class SpecVersionMismatchException extends RuntimeException {

  private final ManagedResource current;

  SpecVersionMismatchException(ManagedResource current, String noun) {
    super("the " + noun + "'s spec changed since it was read; its ETag is now " + current.etag());
    this.current = current;
  }

  public ManagedResource current() {
    return current;
  }
}
