package dev.dbplane.resource;

import java.util.List;

/** An update that DigitalOcean cannot make at all (a shrink, a downgrade). */
public final class UnsupportedChangeException extends RuntimeException {

  private final List<Violation> changes;

  public UnsupportedChangeException(List<Violation> changes) {
    super("the update cannot be made");
    this.changes = List.copyOf(changes);
  }

  public List<Violation> changes() {
    return changes;
  }
}
