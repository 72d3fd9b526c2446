package dev.dbplane.job;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A cluster has at most one active job; this one already has {@code activeJobId}. */
public final class ActiveJobExistsException extends RuntimeException {

  private final UUID clusterId;
  private final @Nullable UUID activeJobId;

  ActiveJobExistsException(UUID clusterId, @Nullable UUID activeJobId) {
    super("cluster " + clusterId + " already has an active job" + (activeJobId == null ? "" : " " + activeJobId));
    this.clusterId = clusterId;
    this.activeJobId = activeJobId;
  }

  public UUID clusterId() {
    return clusterId;
  }

  public @Nullable UUID activeJobId() {
    return activeJobId;
  }
}
