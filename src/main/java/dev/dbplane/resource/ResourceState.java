package dev.dbplane.resource;

/** Where a resource stands, as far as this service knows from its jobs. */
public enum ResourceState {
  /** Submitted; its first UP has not succeeded yet. */
  PENDING,
  /** The last UP succeeded. */
  READY,
  /** The last UP (or destroy) did not succeed; the last job says why. */
  FAILED,
  /** A destroy is queued or running; the record goes once it succeeds. */
  DESTROYING,
  /**
   * A refresh found the resource gone from DigitalOcean (deleted outside this service); its outputs
   * are dropped. An UP creates it again; a destroy removes the record.
   */
  GONE,
  /**
   * A drift check found it differing from its stack (changed at DigitalOcean behind the service's
   * back). It stays so until a refresh takes the change in or an UP undoes it.
   */
  DRIFTED,
  /**
   * Its stack's state no longer holds the resource it held (deleted or emptied outside the service):
   * every job fails until an operator restores the state, since acting on it would create a second
   * resource beside the first, which still exists.
   */
  STATE_LOST
}
