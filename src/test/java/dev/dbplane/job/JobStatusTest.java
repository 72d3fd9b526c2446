package dev.dbplane.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** One test per source status: where a job may go from it, and that every other move throws. */
class JobStatusTest {

  private static void assertMoves(JobStatus from, Set<JobStatus> allowed) {
    for (JobStatus to : JobStatus.values()) {
      if (allowed.contains(to)) {
        assertThat(from.moveTo(to)).isEqualTo(to);
      } else {
        assertThatThrownBy(() -> from.moveTo(to))
            .isInstanceOf(IllegalJobTransitionException.class)
            .hasMessageContaining(from + " to " + to);
      }
    }
  }

  @Test
  void aQueuedJobStartsIsCancelledOrFails() {
    assertMoves(JobStatus.QUEUED, EnumSet.of(JobStatus.RUNNING, JobStatus.CANCELLED, JobStatus.FAILED));
  }

  @Test
  void aRunningJobEndsIsAskedToCancelIsResumedOrIsHandedBack() {
    assertMoves(JobStatus.RUNNING, EnumSet.of(JobStatus.RUNNING, JobStatus.QUEUED, JobStatus.CANCELLING, JobStatus.SUCCEEDED, JobStatus.FAILED));
  }

  @Test
  void aCancellingJobEndsAsCancelledOrAsItsRunEnded() {
    assertMoves(JobStatus.CANCELLING, EnumSet.of(JobStatus.CANCELLED, JobStatus.SUCCEEDED, JobStatus.FAILED));
  }

  @Test
  void aSucceededJobNeverMoves() {
    assertMoves(JobStatus.SUCCEEDED, EnumSet.noneOf(JobStatus.class));
  }

  @Test
  void aFailedJobNeverMoves() {
    assertMoves(JobStatus.FAILED, EnumSet.noneOf(JobStatus.class));
  }

  @Test
  void aCancelledJobNeverMoves() {
    assertMoves(JobStatus.CANCELLED, EnumSet.noneOf(JobStatus.class));
  }

  @Test
  void activeAndTerminalSplitTheStatuses() {
    assertThat(EnumSet.allOf(JobStatus.class).stream().filter(JobStatus::isActive))
        .containsExactlyInAnyOrder(JobStatus.QUEUED, JobStatus.RUNNING, JobStatus.CANCELLING);
    assertThat(EnumSet.allOf(JobStatus.class).stream().filter(JobStatus::isTerminal))
        .containsExactlyInAnyOrder(JobStatus.SUCCEEDED, JobStatus.FAILED, JobStatus.CANCELLED);
  }
}
