package dev.dbplane.job;

import dev.dbplane.config.DbplaneProperties;
import dev.dbplane.engine.EngineFailure;
import dev.dbplane.engine.Secret;
import dev.dbplane.engine.StackEngine;
import dev.dbplane.engine.StackEngineException;
import dev.dbplane.engine.StackEvent;
import dev.dbplane.engine.StackResult;
import dev.dbplane.engine.StackRun;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs one job when the scheduler hands it to this instance: claims it, runs its operation through
 * the engine while watching for a cancel and for its deadline, and ends it with a clear outcome. A
 * job found RUNNING was interrupted (its worker died): it is resumed, with the engine told so, until
 * it has used its attempts; a job found CANCELLING is cancelled. When this instance shuts down, its
 * runs are stopped and their jobs handed back to the queue.
 */
final class JobRunner {

  private static final Logger log = LoggerFactory.getLogger(JobRunner.class);
  private static final JobStatus[] ACTIVE = {JobStatus.QUEUED, JobStatus.RUNNING, JobStatus.CANCELLING};
  private static final Duration WATCH_INTERVAL = Duration.ofMillis(250);

  private final JobStore jobs;
  private final JobEventStore events;
  private final StackEngine engine;
  private final KindSubjects subjects;
  private final TransactionTemplate transactions;
  private final ExecutorService engineRuns;
  private final DbplaneProperties.Jobs settings;
  private final Clock clock;
  private final String instance;
  private final JobMetrics metrics;
  private final ApplicationEventPublisher publisher;
  private final java.util.function.BiConsumer<UUID, Integer> rescheduler;
  private volatile boolean shuttingDown;

  JobRunner(
      JobStore jobs,
      JobEventStore events,
      StackEngine engine,
      KindSubjects subjects,
      TransactionTemplate transactions,
      ExecutorService engineRuns,
      DbplaneProperties.Jobs settings,
      Clock clock,
      String instance,
      JobMetrics metrics,
      ApplicationEventPublisher publisher,
      java.util.function.BiConsumer<UUID, Integer> rescheduler) {
    this.rescheduler = rescheduler;
    this.metrics = metrics;
    this.publisher = publisher;
    this.jobs = jobs;
    this.events = events;
    this.engine = engine;
    this.subjects = subjects;
    this.transactions = transactions;
    this.engineRuns = engineRuns;
    this.settings = settings;
    this.clock = clock;
    this.instance = instance;
  }

  /**
   * From now on every run of this instance is stopped as soon as its worker notices (within a
   * quarter of a second), and its job handed back within the stop grace. Called before the
   * scheduler stops, which waits for them.
   */
  void shutDown() {
    shuttingDown = true;
  }

  void run(UUID jobId) {
    Optional<Job> found = jobs.find(jobId);
    if (found.isEmpty()) {
      log.warn("scheduled job {} does not exist; nothing to run", jobId);
      return;
    }
    Job job = found.get();
    MDC.put("job", jobId.toString());
    MDC.put("cluster", job.clusterName());
    try {
      claimAndRun(job);
    } catch (RuntimeException e) {
      log.error("job {} failed unexpectedly", jobId, e);
      jobs.find(jobId).filter(j -> j.status().isActive()).ifPresent(
          j -> end(j, JobStatus.FAILED, null, new JobError(JobErrorCode.INTERNAL, "the service failed while running the job")));
    } finally {
      MDC.remove("job");
      MDC.remove("cluster");
    }
  }

  private void claimAndRun(Job job) {
    switch (job.status()) {
      case QUEUED -> {
        boolean handedBack = job.attempts() > 0;
        if (!jobs.start(job.id(), JobStatus.QUEUED, clock.instant())) {
          return; // cancelled between being queued and being claimed
        }
        event(job.id(), handedBack ? JobEventType.RESUMED : JobEventType.STARTED, (handedBack ? "resumed on " : "started on ") + instance, null);
        Job started = reload(job);
        publisher.publishEvent(new JobStateChanged(started));
        execute(started, handedBack);
      }
      case RUNNING -> {
        if (job.attempts() >= settings.maxAttempts()) {
          end(job, JobStatus.FAILED, null, new JobError(JobErrorCode.INTERRUPTED,
              "the job was interrupted " + job.attempts() + " time(s) (its worker stopped) and is not started again"));
          return;
        }
        if (!jobs.start(job.id(), JobStatus.RUNNING, clock.instant())) {
          return;
        }
        event(job.id(), JobEventType.RESUMED, "resumed on " + instance + " after its earlier worker stopped; attempt "
            + (job.attempts() + 1) + " of " + settings.maxAttempts(), null);
        execute(reload(job), true);
      }
      case CANCELLING -> end(job, JobStatus.CANCELLED, null, null);
      default -> log.debug("job {} is already {}; nothing to run", job.id(), job.status());
    }
  }

  private void execute(Job job, boolean resumed) {
    Optional<Secret> token = subjects.of(job).tokenFor(job.clusterId());
    if (token.isEmpty()) {
      end(job, JobStatus.FAILED, null, new JobError(JobErrorCode.CREDENTIALS_REJECTED,
          "no DigitalOcean token is stored for this cluster and the server has no default token"));
      return;
    }
    Redactor redactor = new Redactor();
    redactor.add(token.get().reveal());
    RunProgress progress = new RunProgress(events, job.id(), clock);
    StackRun run =
        new StackRun(job.id(), job.spec(), token.get(), resumed, subjects.of(job).heldResourceId(job.clusterId()).orElse(null),
            e -> progress.accept(new StackEvent(e.type(), redactor.redact(e.message()), e.resource() == null ? null : redactor.redact(e.resource()))));
    Map<String, String> logContext = MDC.getCopyOfContextMap();
    Future<StackResult> result = engineRuns.submit(() -> {
      // The engine's log lines carry the job and the cluster too.
      MDC.setContextMap(logContext == null ? Map.of() : logContext);
      metrics.runStarted();
      try {
        return engine.run(job.operation(), run);
      } finally {
        metrics.runEnded();
        MDC.clear();
      }
    });
    Instant deadline = clock.instant().plus(timeout(job));
    Instant stopBy = null;
    boolean cancelSent = false;
    while (true) {
      try {
        StackResult outcome = result.get(WATCH_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        outcome.secretOutputs().forEach(key -> redactor.add(outcome.outputs().getOrDefault(key, "")));
        end(job, JobStatus.SUCCEEDED, outcome, null, progress);
        return;
      } catch (TimeoutException e) {
        if (shuttingDown) {
          stopAndHandBack(job, run, result, progress);
          return;
        }
        if (!cancelSent && jobs.status(job.id()).orElse(JobStatus.CANCELLING) == JobStatus.CANCELLING) {
          cancelSent = true;
          event(job.id(), JobEventType.CANCELLING, "asked the engine to stop", null);
          engine.cancel(run);
        }
        if (stopBy == null && clock.instant().isAfter(deadline)) {
          stopBy = clock.instant().plus(settings.stopGrace());
          event(job.id(), JobEventType.TIMEOUT, "the " + job.operation() + " ran longer than " + timeout(job) + "; asked the engine to stop", null);
          engine.cancel(run);
        }
        if (stopBy != null && clock.instant().isAfter(stopBy)) {
          result.cancel(true);
          end(job, JobStatus.FAILED, null, timedOut(job), progress);
          return;
        }
      } catch (ExecutionException e) {
        endAfterFailure(job, e.getCause(), stopBy != null, redactor, progress);
        return;
      } catch (InterruptedException e) {
        // Only a scheduler that gave up waiting for the hand-back interrupts: hand back all the same.
        stopAndHandBack(job, run, result, progress);
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * This instance is shutting down. Stops the run as a cancel does (the CLI cancels its update and
   * releases the stack's lock) and waits for it within the stop grace. A run that succeeded
   * meanwhile ends its job; a job whose cancel was asked is cancelled; any other is queued again
   * under a new execution, so that another instance resumes it at once instead of after this one's
   * heartbeat is missed. If that fails, the job stays RUNNING and is resumed that way.
   */
  private void stopAndHandBack(Job job, StackRun run, Future<StackResult> result, RunProgress progress) {
    log.info("this instance is shutting down: stopping the run of job {} to hand the job back", job.id());
    engine.cancel(run);
    boolean interrupted = false;
    try {
      StackResult outcome = result.get(settings.stopGrace().toMillis(), TimeUnit.MILLISECONDS);
      end(job, JobStatus.SUCCEEDED, outcome, null, progress);
      return;
    } catch (ExecutionException | TimeoutException e) {
      // Stopped, failed or still stopping: in every case the next run starts by recovering.
    } catch (InterruptedException e) {
      // Restored once the job is written: a database driver may refuse to work on an interrupted thread.
      interrupted = true;
    }
    try {
      if (jobs.status(job.id()).orElse(JobStatus.RUNNING) == JobStatus.CANCELLING) {
        end(job, JobStatus.CANCELLED, null, null, progress);
      } else {
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
      Boolean handedBack = transactions.execute(tx -> {
        progress.end();
        if (!jobs.handBack(job.id())) {
          return false;
        }
        rescheduler.accept(job.id(), job.attempts());
        event(job.id(), JobEventType.HANDED_BACK, "the instance running the job is shutting down; the job is queued for another", null);
        return true;
      });
      if (Boolean.TRUE.equals(handedBack)) {
        log.info("job {} handed back to the queue", job.id());
        publisher.publishEvent(new JobStateChanged(reload(job)));
      }
    } catch (RuntimeException e) {
      log.warn("job {} could not be handed back; it is resumed once this instance's heartbeat is missed", job.id(), e);
    }
  }

  private void endAfterFailure(Job job, Throwable cause, boolean overran, Redactor redactor, RunProgress progress) {
    if (cause instanceof StackEngineException failure) {
      if (failure.failure() == EngineFailure.CANCELLED) {
        if (overran) {
          end(job, JobStatus.FAILED, null, timedOut(job), progress);
        } else {
          end(job, JobStatus.CANCELLED, null, null, progress);
        }
        return;
      }
      end(job, JobStatus.FAILED, null, new JobError(JobErrorCode.of(failure.failure()), redactor.redact(String.valueOf(failure.getMessage()))),
          progress);
      return;
    }
    log.error("the engine failed unexpectedly on job {}", job.id(), cause);
    end(job, JobStatus.FAILED, null, new JobError(JobErrorCode.INTERNAL, "the engine failed unexpectedly"), progress);
  }

  private JobError timedOut(Job job) {
    return new JobError(JobErrorCode.TIMEOUT, "the " + job.operation() + " did not finish within " + timeout(job));
  }

  private void end(Job job, JobStatus wanted, @Nullable StackResult result, @Nullable JobError error) {
    end(job, wanted, result, error, null);
  }

  /**
   * Ends the job from whichever active status it is in now (a cancel may have moved it to
   * CANCELLING meanwhile), and tells the cluster's owner in the same transaction. The run's held
   * back progress is written first, before the job's row is locked: the engine may still be
   * reporting, and waits on {@code progress} while it writes.
   */
  private void end(Job job, JobStatus wanted, @Nullable StackResult result, @Nullable JobError error, @Nullable RunProgress progress) {
    Job ended =
        transactions.execute(
            tx -> {
              if (progress != null) {
                progress.end();
              }
              for (JobStatus from : ACTIVE) {
                boolean unaskedStop = wanted == JobStatus.CANCELLED && from == JobStatus.RUNNING;
                JobStatus to = unaskedStop ? JobStatus.FAILED : wanted;
                JobError why = unaskedStop ? new JobError(JobErrorCode.INTERNAL, "the engine stopped the run without being asked") : error;
                if (from.canMoveTo(to) && jobs.finish(job.id(), from, to, result == null ? null : result.changes(), why, clock.instant())) {
                  Job finished = reload(job);
                  if (to == JobStatus.SUCCEEDED && result != null) {
                    subjects.of(finished).succeeded(finished, result);
                  } else {
                    subjects.of(finished).didNotSucceed(finished);
                  }
                  // In the same transaction: whoever sees the job ended also sees its last event.
                  event(job.id(), JobEventType.ending(to), describe(finished), null);
                  return finished;
                }
              }
              return null;
            });
    if (ended != null) {
      // Every end is logged once, with its job, cluster and, for a failure, its code.
      if (ended.status() == JobStatus.FAILED && ended.error() != null) {
        log.warn("job {} ({} of cluster {}) failed: {}, {}", ended.id(), ended.operation(), ended.clusterName(), ended.error().code(),
            ended.error().message());
      } else {
        log.info("job {} ({} of cluster {}) {}", ended.id(), ended.operation(), ended.clusterName(),
            ended.status().name().toLowerCase(Locale.ROOT));
      }
      metrics.ended(ended);
      publisher.publishEvent(new JobStateChanged(ended));
    } else {
      log.debug("job {} had already ended", job.id());
    }
  }

  private static String describe(Job job) {
    return switch (job.status()) {
      case SUCCEEDED -> job.operation() + " succeeded" + (job.changes() == null || job.changes().isEmpty() ? "" : ": " + job.changes());
      case FAILED -> job.operation() + " failed: " + (job.error() == null ? "" : job.error().code() + ", " + job.error().message());
      case CANCELLED -> job.operation() + " cancelled";
      default -> job.status().name();
    };
  }

  private Duration timeout(Job job) {
    DbplaneProperties.Timeouts timeouts = settings.timeouts();
    return switch (job.operation()) {
      case UP -> timeouts.up();
      case PREVIEW -> timeouts.preview();
      case REFRESH -> timeouts.refresh();
      case DESTROY -> timeouts.destroy();
    };
  }

  private void event(UUID jobId, JobEventType type, String message, @Nullable String resource) {
    events.append(jobId, new StackEvent(type.wireName(), message, resource), clock.instant());
  }

  private Job reload(Job job) {
    return jobs.find(job.id()).orElseThrow();
  }
}
