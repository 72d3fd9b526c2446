package dev.dbplane.job;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import java.time.Clock;
import java.util.UUID;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Where submitted jobs wait for a worker: the scheduler's table, written in the submitting
 * transaction, and a wake-up of this instance's workers once that transaction commits. Woken
 * earlier (the scheduler's own immediate execution fires inside the transaction), the workers would
 * look before the job is visible and leave it for the next poll, a full polling interval later.
 */
final class JobQueue {

  /** The scheduler's task that runs jobs: each of its executions is one job, named by its id. */
  static final String TASK = "stack-job";

  private final SchedulerClient scheduler;
  private final Runnable wakeWorkers;
  private final Clock clock;

  JobQueue(SchedulerClient scheduler, Runnable wakeWorkers, Clock clock) {
    this.scheduler = scheduler;
    this.wakeWorkers = wakeWorkers;
    this.clock = clock;
  }

  /** Queues a fresh job in the caller's transaction; a rollback leaves nothing queued. */
  void enqueue(UUID jobId) {
    // A fresh job id cannot be scheduled yet: a plain insert, no existence check first.
    scheduler.schedule(new TaskInstance<Void>(TASK, jobId.toString()), clock.instant());
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            wakeWorkers.run();
          }
        });
  }

  /**
   * Queues a handed-back job again, in the caller's transaction. Its execution under way keeps the
   * job's id until it returns, so the new one is named {@code <job id>#<attempts so far>}.
   */
  void requeue(UUID jobId, int attempts) {
    scheduler.schedule(new TaskInstance<Void>(TASK, jobId + "#" + attempts), clock.instant());
  }

  /** The job an execution of {@link #TASK} runs. */
  static UUID jobOf(String executionId) {
    return UUID.fromString(executionId.substring(0, 36));
  }
}
