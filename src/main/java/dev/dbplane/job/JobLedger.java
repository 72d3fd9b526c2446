package dev.dbplane.job;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Where a job's life is written: its row and its own events, in transactions that keep the two
 * together, stamped by one clock, and announced to the rest of the service once written.
 */
record JobLedger(JobStore jobs, JobEventStore events, TransactionTemplate transactions, Clock clock, ApplicationEventPublisher publisher) {

  Instant now() {
    return clock.instant();
  }

  /** Appends an event of the job's own life, in the caller's transaction or a new one. */
  void event(UUID jobId, JobEventType type, String message) {
    events.append(jobId, type, message, now());
  }

  Job reload(Job job) {
    return jobs.find(job.id()).orElseThrow();
  }

  /** Tells the rest of the service (webhooks, for one) that the job is now in its status. */
  void announce(Job job) {
    publisher.publishEvent(new JobStateChanged(job));
  }
}
