package dev.dbplane.engine;

/** What a job asks of a stack. */
public enum Operation {
  /** Create or update the resource to match the spec. */
  UP,
  /** Show what UP would change, changing nothing. */
  PREVIEW,
  /** Compare the stack's state with DigitalOcean and report drift. */
  REFRESH,
  /** Delete the resource and then the stack. */
  DESTROY;

  /** Whether the operation may change infrastructure (and so must not be repeated blindly). */
  public boolean changesInfrastructure() {
    return this == UP || this == DESTROY;
  }
}
