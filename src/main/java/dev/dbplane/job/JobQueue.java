package dev.dbplane.job;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
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

  private final SchedulerClient scheduler;
  private final OneTimeTask<Void> task;
  private final Runnable wakeWorkers;
  private final Clock clock;

  JobQueue(SchedulerClient scheduler, OneTimeTask<Void> task, Runnable wakeWorkers, Clock clock) {
    this.scheduler = scheduler;
    this.task = task;
    this.wakeWorkers = wakeWorkers;
    this.clock = clock;
  }

  /** Queues a fresh job in the caller's transaction; a rollback leaves nothing queued. */
  void enqueue(UUID jobId) {
    // A fresh job id cannot be scheduled yet: a plain insert, no existence check first.
    scheduler.schedule(task.instance(jobId.toString()), clock.instant());
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            wakeWorkers.run();
          }
        });
  }
}
