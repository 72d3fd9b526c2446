package dev.dbplane.cluster;

/** A cluster whose stack has produced no outputs yet (its first UP has not succeeded). */
public final class NoOutputsException extends RuntimeException {

  NoOutputsException(String clusterName) {
    super("cluster " + clusterName + " has no outputs yet: its first UP has not succeeded");
  }
}
