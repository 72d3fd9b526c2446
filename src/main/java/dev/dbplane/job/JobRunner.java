package dev.dbplane.job;

import dev.dbplane.engine.Secret;
import dev.dbplane.engine.StackEvent;
import dev.dbplane.engine.StackRun;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs one job when the scheduler hands it to this instance: claims it, and has its operation run
 * and watched by the {@link RunWatcher}. A job found RUNNING was interrupted (its worker died): it
 * is resumed, with the engine told so, until it has used its attempts; a job found CANCELLING is
 * cancelled. Every end goes through {@link JobEnding}.
 */
final class JobRunner {

  private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

  private final JobLedger ledger;
  private final KindSubjects subjects;
  private final RunWatcher watcher;
  private final JobEnding ending;
  private final int maxAttempts;
  private final InstanceName instance;

  JobRunner(JobLedger ledger, KindSubjects subjects, RunWatcher watcher, JobEnding ending, int maxAttempts, InstanceName instance) {
    this.ledger = ledger;
    this.subjects = subjects;
    this.watcher = watcher;
    this.ending = ending;
    this.maxAttempts = maxAttempts;
    this.instance = instance;
  }

  void run(UUID jobId) {
    Optional<Job> found = ledger.jobs().find(jobId);
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
      ledger.jobs().find(jobId).filter(j -> j.status().isActive()).ifPresent(
          j -> ending.end(j, JobStatus.FAILED, null, new JobError(JobErrorCode.INTERNAL, "the service failed while running the job")));
    } finally {
      MDC.remove("job");
      MDC.remove("cluster");
    }
  }

  private void claimAndRun(Job job) {
    switch (job.status()) {
      case QUEUED -> {
        boolean handedBack = job.attempts() > 0;
        if (!ledger.jobs().start(job.id(), JobStatus.QUEUED, ledger.now())) {
          return; // cancelled between being queued and being claimed
        }
        ledger.event(job.id(), handedBack ? JobEventType.RESUMED : JobEventType.STARTED, (handedBack ? "resumed on " : "started on ") + instance);
        Job started = ledger.reload(job);
        ledger.announce(started);
        execute(started, handedBack);
      }
      case RUNNING -> {
        if (job.attempts() >= maxAttempts) {
          ending.end(job, JobStatus.FAILED, null, new JobError(JobErrorCode.INTERRUPTED,
              "the job was interrupted " + job.attempts() + " time(s) (its worker stopped) and is not started again"));
          return;
        }
        if (!ledger.jobs().start(job.id(), JobStatus.RUNNING, ledger.now())) {
          return;
        }
        ledger.event(job.id(), JobEventType.RESUMED, "resumed on " + instance + " after its earlier worker stopped; attempt "
            + (job.attempts() + 1) + " of " + maxAttempts);
        execute(ledger.reload(job), true);
      }
      case CANCELLING -> ending.end(job, JobStatus.CANCELLED, null, null);
      default -> log.debug("job {} is already {}; nothing to run", job.id(), job.status());
    }
  }

  private void execute(Job job, boolean resumed) {
    Optional<Secret> token = subjects.of(job).tokenFor(job.clusterId());
    if (token.isEmpty()) {
      ending.end(job, JobStatus.FAILED, null, new JobError(JobErrorCode.CREDENTIALS_REJECTED,
          "no DigitalOcean token is stored for this cluster and the server has no default token"));
      return;
    }
    Redactor redactor = new Redactor();
    redactor.add(token.get().reveal());
    RunProgress progress = new RunProgress(ledger.events(), job.id(), ledger.clock());
    StackRun run =
        new StackRun(job.id(), job.spec(), token.get(), resumed, subjects.of(job).heldResourceId(job.clusterId()).orElse(null),
            e -> progress.accept(new StackEvent(e.type(), redactor.redact(e.message()), e.resource() == null ? null : redactor.redact(e.resource()))));
    watcher.watch(job, run, redactor, progress);
  }
}
