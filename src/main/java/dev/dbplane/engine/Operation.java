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
  DESTROY,
  /**
   * Have DigitalOcean give a user a new password (its reset_auth), then read it into the stack: the
   * old password stops working at once.
   */
  ROTATE_PASSWORD,
  /**
   * Compare the stack with DigitalOcean, as a refresh does, changing nothing: not even the stack's
   * state. What it reports drifted stays drifted until a refresh takes it in or an UP undoes it.
   */
  DRIFT_CHECK
}
