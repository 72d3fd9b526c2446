package dev.dbplane.resource;

import java.util.List;

/**
 * An update that DigitalOcean can only make by destroying the cluster and creating a new one (which
 * loses its data), sent without the caller's confirmation.
 */
public final class ReplacementNotConfirmedException extends RuntimeException {

  private final List<Violation> changes;

  public ReplacementNotConfirmedException(List<Violation> changes) {
    super("the update replaces the cluster");
    this.changes = List.copyOf(changes);
  }

  /** The fields whose change forces the replacement, each with why. */
  public List<Violation> changes() {
    return changes;
  }
}
