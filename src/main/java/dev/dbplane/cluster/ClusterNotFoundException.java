package dev.dbplane.cluster;

import java.util.UUID;

public final class ClusterNotFoundException extends RuntimeException {

  ClusterNotFoundException(UUID id) {
    super("no cluster " + id);
  }
}
