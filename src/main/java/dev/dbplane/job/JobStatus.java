package dev.dbplane.job;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** The life of a job, with the one table of moves it may make. */
public enum JobStatus {
  QUEUED,
  RUNNING,
  CANCELLING,
  SUCCEEDED,
  FAILED,
  CANCELLED;

  private static final Map<JobStatus, Set<JobStatus>> ALLOWED_MOVES =
      Map.of(
          QUEUED, EnumSet.of(RUNNING, CANCELLED, FAILED),
          // RUNNING to RUNNING is a resume: the job's earlier worker died. RUNNING to QUEUED is a
          // hand-back: its instance shut down and another takes it.
          RUNNING, EnumSet.of(RUNNING, QUEUED, CANCELLING, SUCCEEDED, FAILED),
          CANCELLING, EnumSet.of(CANCELLED, SUCCEEDED, FAILED),
          SUCCEEDED, EnumSet.noneOf(JobStatus.class),
          FAILED, EnumSet.noneOf(JobStatus.class),
          CANCELLED, EnumSet.noneOf(JobStatus.class));

  public boolean isActive() {
    return this == QUEUED || this == RUNNING || this == CANCELLING;
  }

  public boolean isTerminal() {
    return !isActive();
  }

  boolean canMoveTo(JobStatus next) {
    return ALLOWED_MOVES.get(this).contains(next);
  }

  /** @throws IllegalJobTransitionException when the table does not allow the move */
  JobStatus moveTo(JobStatus next) {
    if (!canMoveTo(next)) {
      throw new IllegalJobTransitionException(this, next);
    }
    return next;
  }
}
