package dev.dbplane.job;

import dev.dbplane.engine.ConnectionCheck;
import dev.dbplane.engine.Operation;
import dev.dbplane.engine.ResourceSpec;
import dev.dbplane.engine.Secret;
import dev.dbplane.engine.StackEvent;
import dev.dbplane.engine.StackResult;
import dev.dbplane.engine.StackRun;
import dev.dbplane.engine.Verification;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs one job when the scheduler hands it to this instance: claims it, and has its operation run
 * and watched by the {@link RunWatcher}. A job found RUNNING was interrupted (its worker died): it
 * is resumed, with the engine told so, until it has used its attempts; a job found CANCELLING is
 * cancelled. A destroy that takes along what lives in its resource destroys that first, one stack
 * at a time. Every end goes through {@link JobEnding}.
 */
final class JobRunner {

  private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

  private final JobLedger ledger;
  private final KindSubjects subjects;
  private final RunWatcher watcher;
  private final JobEnding ending;
  private final int maxAttempts;
  private final InstanceName instance;
  private final ConnectionCheck check;

  JobRunner(
      JobLedger ledger, KindSubjects subjects, RunWatcher watcher, JobEnding ending, int maxAttempts, InstanceName instance,
      ConnectionCheck check) {
    this.ledger = ledger;
    this.subjects = subjects;
    this.watcher = watcher;
    this.ending = ending;
    this.maxAttempts = maxAttempts;
    this.instance = instance;
    this.check = check;
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

  /**
   * Destroys first what the job must destroy before its own run, each in a run of its own whose
   * success is recorded at once (so that a resumed job starts from what is left), then runs the job's
   * own operation. Only the first run of a resumed job recovers from the interruption: the runs before
   * it had ended.
   */
  private void execute(Job job, boolean resumed) {
    JobSubjects owner = subjects.of(job);
    Redactor redactor = new Redactor();
    boolean recovering = resumed;
    for (Dependent dependent : owner.destroyedFirst(job)) {
      RunProgress progress = new RunProgress(ledger.events(), job.id(), ledger.clock());
      Optional<StackRun> run = runOf(job, owner, dependent.id(), dependent.spec(), recovering, redactor, progress);
      if (run.isEmpty() || !watcher.watch(job, run.get(), redactor, progress, outcome -> destroyed(job, dependent, progress))) {
        return;
      }
      recovering = false;
      if (ledger.jobs().status(job.id()).orElse(JobStatus.CANCELLING) == JobStatus.CANCELLING) {
        ending.end(ledger.reload(job), JobStatus.CANCELLED, null, null);
        return;
      }
    }
    RunProgress progress = new RunProgress(ledger.events(), job.id(), ledger.clock());
    runOf(job, owner, job.clusterId(), job.spec(), recovering, redactor, progress).ifPresent(run -> watcher.watch(job, run, redactor, progress,
        outcome -> ending.end(job, JobStatus.SUCCEEDED, verified(job, outcome, redactor), null, progress)));
  }

  /**
   * After an UP, connects to the resource with its outputs, within the check's own bound, and says
   * in an event whether it answered; the UP succeeded either way.
   */
  private StackResult verified(Job job, StackResult outcome, Redactor redactor) {
    if (job.operation() != Operation.UP) {
      return outcome;
    }
    return check.check(job.spec(), outcome.outputs()).map(found -> {
      Verification said = new Verification(found.answered(), found.check(), found.serverVersion(), redactor.redact(found.detail()), found.at());
      ledger.event(job.id(), said.answered() ? JobEventType.VERIFIED : JobEventType.NOT_VERIFIED, said.detail());
      return outcome.withVerification(said);
    }).orElse(outcome);
  }

  /** The run of one stack of the job; empty, with the job ended, when there is no token to act with. */
  private Optional<StackRun> runOf(
      Job job, JobSubjects owner, UUID resourceId, ResourceSpec spec, boolean resumed, Redactor redactor, RunProgress progress) {
    Optional<Secret> token = owner.tokenFor(resourceId);
    if (token.isEmpty()) {
      ending.end(job, JobStatus.FAILED, null, new JobError(JobErrorCode.CREDENTIALS_REJECTED,
          "no DigitalOcean token is stored for " + (resourceId.equals(job.clusterId()) ? "this cluster" : spec.resourceName())
              + " and the server has no default token"));
      return Optional.empty();
    }
    redactor.add(token.get().reveal());
    return Optional.of(new StackRun(job.id(), spec, token.get(), resumed, owner.heldResourceId(resourceId).orElse(null),
        e -> progress.accept(new StackEvent(e.type(), redactor.redact(e.message()), e.resource() == null ? null : redactor.redact(e.resource())))));
  }

  private void destroyed(Job job, Dependent dependent, RunProgress progress) {
    ledger.transactions().executeWithoutResult(tx -> {
      progress.end();
      subjects.of(job).destroyedBefore(job, dependent);
      ledger.event(job.id(), JobEventType.DEPENDENT_DESTROYED,
          "destroyed the " + dependent.noun() + " " + dependent.spec().resourceName() + ", which lived in " + job.clusterName());
    });
  }
}
