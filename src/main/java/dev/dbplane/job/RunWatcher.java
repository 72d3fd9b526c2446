package dev.dbplane.job;

import dev.dbplane.config.DbplaneProperties;
import dev.dbplane.engine.EngineFailure;
import dev.dbplane.engine.StackEngineException;
import dev.dbplane.engine.StackResult;
import dev.dbplane.engine.StackRun;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a claimed job's operation through the engine and watches it until it is over: passes a
 * cancel on to the engine, stops a run that overruns its deadline (it fails with TIMEOUT), and when
 * this instance shuts down, or its worker is interrupted, stops the run and hands the job back to
 * the queue. The job ends through {@link JobEnding}.
 */
final class RunWatcher {

  private static final Logger log = LoggerFactory.getLogger(RunWatcher.class);
  private static final Duration WATCH_INTERVAL = Duration.ofMillis(250);

  private final JobLedger ledger;
  private final EngineRuns engine;
  private final JobEnding ending;
  private final JobQueue queue;
  private final DbplaneProperties.Jobs settings;
  private volatile boolean shuttingDown;

  RunWatcher(JobLedger ledger, EngineRuns engine, JobEnding ending, JobQueue queue, DbplaneProperties.Jobs settings) {
    this.ledger = ledger;
    this.engine = engine;
    this.ending = ending;
    this.queue = queue;
    this.settings = settings;
  }

  /**
   * From now on every run of this instance is stopped as soon as its watcher notices (within a
   * quarter of a second), and its job handed back within the stop grace. Called before the
   * scheduler stops, which waits for them.
   */
  void shutDown() {
    shuttingDown = true;
  }

  /**
   * Starts a run of the job (its own, or one it makes before its own) and returns whether the job
   * goes on: true once {@code succeeded} has recorded the run's success. When false, the job has
   * ended (the run failed, timed out or was cancelled) or been handed back.
   */
  boolean watch(Job job, StackRun run, Redactor redactor, RunProgress progress, Consumer<StackResult> succeeded) {
    if (shuttingDown) {
      handBack(job, progress);
      return false;
    }
    Future<StackResult> result = engine.start(job.operation(), run);
    Instant deadline = ledger.now().plus(timeout(job));
    Instant stopBy = null;
    boolean cancelSent = false;
    while (true) {
      try {
        StackResult outcome = result.get(WATCH_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        outcome.secretOutputs().forEach(key -> redactor.add(outcome.outputs().getOrDefault(key, "")));
        succeeded.accept(outcome);
        return true;
      } catch (TimeoutException e) {
        if (shuttingDown) {
          stopAndHandBack(job, run, result, progress, succeeded);
          return false;
        }
        if (!cancelSent && ledger.jobs().status(job.id()).orElse(JobStatus.CANCELLING) == JobStatus.CANCELLING) {
          cancelSent = true;
          ledger.event(job.id(), JobEventType.CANCELLING, "asked the engine to stop");
          engine.stop(run);
        }
        if (stopBy == null && ledger.now().isAfter(deadline)) {
          stopBy = ledger.now().plus(settings.stopGrace());
          ledger.event(job.id(), JobEventType.TIMEOUT, "the " + job.operation() + " ran longer than " + timeout(job) + "; asked the engine to stop");
          engine.stop(run);
        }
        if (stopBy != null && ledger.now().isAfter(stopBy)) {
          result.cancel(true);
          ending.end(job, JobStatus.FAILED, null, timedOut(job), progress);
          return false;
        }
      } catch (ExecutionException e) {
        endAfterFailure(job, e.getCause(), stopBy != null, redactor, progress);
        return false;
      } catch (InterruptedException e) {
        // Only a scheduler that gave up waiting for the hand-back interrupts: hand back all the same.
        stopAndHandBack(job, run, result, progress, succeeded);
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }

  /**
   * This instance is shutting down. Stops the run as a cancel does (the CLI cancels its update and
   * releases the stack's lock) and waits for it within the stop grace. A run that succeeded
   * meanwhile is recorded (which ends a job whose own run it was); a job whose cancel was asked is
   * cancelled; any other is queued again under a new execution, so that another instance resumes it
   * at once instead of after this one's heartbeat is missed. If that fails, the job stays RUNNING
   * and is resumed that way.
   */
  private void stopAndHandBack(Job job, StackRun run, Future<StackResult> result, RunProgress progress, Consumer<StackResult> succeeded) {
    log.info("this instance is shutting down: stopping the run of job {} to hand the job back", job.id());
    engine.stop(run);
    boolean interrupted = false;
    try {
      succeeded.accept(result.get(settings.stopGrace().toMillis(), TimeUnit.MILLISECONDS));
    } catch (ExecutionException | TimeoutException e) {
      // Stopped, failed or still stopping: in every case the next run starts by recovering.
    } catch (InterruptedException e) {
      // Restored once the job is written: a database driver may refuse to work on an interrupted thread.
      interrupted = true;
    }
    try {
      JobStatus status = ledger.jobs().status(job.id()).orElse(JobStatus.RUNNING);
      if (status == JobStatus.CANCELLING) {
        ending.end(job, JobStatus.CANCELLED, null, null, progress);
      } else if (status.isActive()) {
        handBack(job, progress);
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void handBack(Job job, RunProgress progress) {
    try {
      Boolean handedBack = ledger.transactions().execute(tx -> {
        progress.end();
        if (!ledger.jobs().handBack(job.id())) {
          return false;
        }
        queue.requeue(job.id(), job.attempts());
        ledger.event(job.id(), JobEventType.HANDED_BACK, "the instance running the job is shutting down; the job is queued for another");
        return true;
      });
      if (Boolean.TRUE.equals(handedBack)) {
        log.info("job {} handed back to the queue", job.id());
        ledger.announce(ledger.reload(job));
      }
    } catch (RuntimeException e) {
      log.warn("job {} could not be handed back; it is resumed once this instance's heartbeat is missed", job.id(), e);
    }
  }

  private void endAfterFailure(Job job, Throwable cause, boolean overran, Redactor redactor, RunProgress progress) {
    if (cause instanceof StackEngineException failure) {
      if (failure.failure() == EngineFailure.CANCELLED) {
        if (overran) {
          ending.end(job, JobStatus.FAILED, null, timedOut(job), progress);
        } else {
          ending.end(job, JobStatus.CANCELLED, null, null, progress);
        }
        return;
      }
      ending.end(job, JobStatus.FAILED, null,
          new JobError(JobErrorCode.of(failure.failure()), redactor.redact(String.valueOf(failure.getMessage()))), progress);
      return;
    }
    log.error("the engine failed unexpectedly on job {}", job.id(), cause);
    ending.end(job, JobStatus.FAILED, null, new JobError(JobErrorCode.INTERNAL, "the engine failed unexpectedly"), progress);
  }

  private JobError timedOut(Job job) {
    return new JobError(JobErrorCode.TIMEOUT, "the " + job.operation() + " did not finish within " + timeout(job));
  }

  private Duration timeout(Job job) {
    DbplaneProperties.Timeouts timeouts = settings.timeouts();
    return switch (job.operation()) {
      case UP -> timeouts.up();
      case PREVIEW -> timeouts.preview();
      case REFRESH, ROTATE_PASSWORD, DRIFT_CHECK -> timeouts.refresh();
      case DESTROY -> timeouts.destroy();
    };
  }
}
