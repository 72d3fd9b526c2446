package dev.dbplane.job;

import dev.dbplane.audit.AuditLog;
import dev.dbplane.common.Page;
import dev.dbplane.engine.Verification;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The narrow client of jobs: submit, read, cancel. It never runs a job; the scheduler hands jobs to
 * {@link JobRunner} on whichever instance claims them.
 */
public class JobService {

  /** How old an active job's status may be when a caller reads it. */
  static final Duration ACTIVE_JOB_FRESHNESS = Duration.ofMillis(250);

  private final JobLedger ledger;
  private final JobStore jobs;
  private final KindSubjects subjects;
  private final JobQueue queue;
  private final AuditLog audit;
  private final JobMetrics metrics;
  private final JobReadCache reads = new JobReadCache(ACTIVE_JOB_FRESHNESS);

  JobService(JobLedger ledger, KindSubjects subjects, JobQueue queue, AuditLog audit, JobMetrics metrics) {
    this.ledger = ledger;
    this.jobs = ledger.jobs();
    this.subjects = subjects;
    this.queue = queue;
    this.audit = audit;
    this.metrics = metrics;
  }

  /**
   * Queues a job, in the caller's transaction: if it rolls back, the job never runs.
   *
   * @throws ActiveJobExistsException when the job's cluster has an active job, its own or one of
   *     what lives in it (enforced by the database)
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public Job submit(NewJob request) {
    Job job =
        new Job(UUID.randomUUID(), request.clusterId(), request.clusterName(), request.operation(), JobStatus.QUEUED,
            request.requestedBy(), request.specVersion(), request.spec(), request.warnings(), null, null, 0, ledger.now(), null, null, null);
    Optional<Job> active = jobs.activeUnder(request.lockId());
    if (active.isPresent()) {
      throw new ActiveJobExistsException(request.lockId(), active.get().id());
    }
    try {
      jobs.insert(job, request.lockId());
    } catch (DuplicateKeyException e) {
      // Another request won the race; the database's constraint is what guarantees one active job.
      throw new ActiveJobExistsException(request.lockId(), null);
    }
    queue.enqueue(job.id());
    ledger.announce(job);
    return job;
  }

  /**
   * Makes a cancel's move and, in the same transaction, what goes with it: the owner's hook, the job
   * event and the audit entry. False when the job had moved on meanwhile.
   */
  private boolean recordedCancel(
      Job job, String requestedBy, BooleanSupplier move, Runnable then, JobEventType event, String message, String auditDetail) {
    return Boolean.TRUE.equals(
        ledger.transactions().execute(
            tx -> {
              if (!move.getAsBoolean()) {
                return false;
              }
              then.run();
              ledger.event(job.id(), event, message);
              audit.record(requestedBy, "job.cancel", job.clusterId(), auditDetail);
              return true;
            }));
  }

  /** The job as callers see it: an active job's status may be up to a fraction of a second old. */
  public Job get(UUID id) {
    return reads.get(id, jobs::find).orElseThrow(() -> new JobNotFoundException(id));
  }

  private Job fresh(UUID id) {
    Job job = jobs.find(id).orElseThrow(() -> new JobNotFoundException(id));
    reads.put(job);
    return job;
  }

  public Page<Job> list(JobFilter filter, int page, int size) {
    return jobs.page(filter, page, size);
  }

  public Optional<Job> latestFor(UUID clusterId) {
    return jobs.latestFor(clusterId);
  }

  public Optional<Job> activeFor(UUID clusterId) {
    return jobs.activeFor(clusterId);
  }

  /** What connecting to the resource showed after its latest UP that tried. */
  public Optional<Verification> latestVerificationFor(UUID resourceId) {
    return jobs.latestVerificationFor(resourceId);
  }

  /** The job's events after {@code afterSeq}, in order, at most {@code limit}. */
  public List<JobEvent> events(UUID jobId, int afterSeq, int limit) {
    get(jobId);
    return ledger.events().after(jobId, afterSeq, limit);
  }

  /**
   * Cancels a queued job at once; asks a running one to stop (CANCELLING), which its worker passes
   * on to the engine; a job already being cancelled is left as it is.
   *
   * @throws JobNotCancellableException when the job has ended
   */
  public Job cancel(UUID jobId, String requestedBy) {
    Job job = fresh(jobId);
    boolean changed =
        switch (job.status()) {
          case QUEUED -> recordedCancel(job, requestedBy,
              () -> jobs.finish(jobId, JobStatus.QUEUED, JobStatus.CANCELLED, null, null, ledger.now()),
              () -> subjects.of(job).didNotSucceed(fresh(jobId)),
              JobEventType.CANCELLED, "cancelled by " + requestedBy + " before it started",
              "cancelled queued job " + jobId);
          case RUNNING -> recordedCancel(job, requestedBy,
              () -> jobs.requestCancel(jobId),
              () -> {},
              JobEventType.CANCEL_REQUESTED, "cancel requested by " + requestedBy,
              "asked running job " + jobId + " to stop");
          case CANCELLING -> false;
          default -> throw new JobNotCancellableException(job);
        };
    if (changed) {
      Job now = fresh(jobId);
      if (now.status().isTerminal()) {
        metrics.ended(now);
      }
      ledger.announce(now);
      return now;
    }
    Job now = fresh(jobId);
    if (now.status().isTerminal() && job.status() != JobStatus.CANCELLING) {
      // It ended while we looked: tell the caller what it ended as.
      throw new JobNotCancellableException(now);
    }
    return now;
  }
}
