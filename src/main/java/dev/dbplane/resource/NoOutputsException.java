package dev.dbplane.resource;

/** A cluster whose stack has produced no outputs yet (its first UP has not succeeded). */
public final class NoOutputsException extends RuntimeException {

  public NoOutputsException(String clusterName) {
    super("cluster " + clusterName + " has no outputs yet: its first UP has not succeeded");
  }
}
