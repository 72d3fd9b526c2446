package dev.dbplane.job;

import dev.dbplane.engine.StackResult;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a job, once: in one transaction it moves the job from whichever active status it is in now
 * (a cancel may have moved it to CANCELLING meanwhile), tells the job's subject and writes the
 * job's last event; then it logs the end, counts it and announces it.
 */
final class JobEnding {

  private static final Logger log = LoggerFactory.getLogger(JobEnding.class);
  private static final JobStatus[] ACTIVE = {JobStatus.QUEUED, JobStatus.RUNNING, JobStatus.CANCELLING};

  private final JobLedger ledger;
  private final KindSubjects subjects;
  private final JobMetrics metrics;

  JobEnding(JobLedger ledger, KindSubjects subjects, JobMetrics metrics) {
    this.ledger = ledger;
    this.subjects = subjects;
    this.metrics = metrics;
  }

  /** Ends a job that has no run in flight. */
  void end(Job job, JobStatus wanted, @Nullable StackResult result, @Nullable JobError error) {
    end(job, wanted, result, error, null);
  }

  /**
   * Ends the job as {@code wanted}; a job the engine stopped without being asked fails. The run's
   * held back progress is written first, before the job's row is locked: the engine may still be
   * reporting, and waits on {@code progress} while it writes.
   */
  void end(Job job, JobStatus wanted, @Nullable StackResult result, @Nullable JobError error, @Nullable RunProgress progress) {
    Job ended =
        ledger.transactions().execute(
            tx -> {
              if (progress != null) {
                progress.end();
              }
              for (JobStatus from : ACTIVE) {
                boolean unaskedStop = wanted == JobStatus.CANCELLED && from == JobStatus.RUNNING;
                JobStatus to = unaskedStop ? JobStatus.FAILED : wanted;
                JobError why = unaskedStop ? new JobError(JobErrorCode.INTERNAL, "the engine stopped the run without being asked") : error;
                if (from.canMoveTo(to) && ledger.jobs().finish(job.id(), from, to, result == null ? null : result.changes(), why, ledger.now())) {
                  if (to == JobStatus.SUCCEEDED && result != null && result.verification() != null) {
                    ledger.jobs().verified(job.id(), result.verification());
                  }
                  Job finished = ledger.reload(job);
                  if (to == JobStatus.SUCCEEDED && result != null) {
                    subjects.of(finished).succeeded(finished, result);
                  } else {
                    subjects.of(finished).didNotSucceed(finished);
                  }
                  // In the same transaction: whoever sees the job ended also sees its last event.
                  ledger.event(job.id(), JobEventType.ending(to), describe(finished));
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
      ledger.announce(ended);
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
}
