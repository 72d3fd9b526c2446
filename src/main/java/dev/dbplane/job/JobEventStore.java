package dev.dbplane.job;

import dev.dbplane.engine.StackEvent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ordered, append-only events of each job, at most {@link #cap()} of them from the engine: one
 * chatty run must not fill the database, nor make a job's events too long to page through.
 */
final class JobEventStore {

  static final int MAX_MESSAGE = 4000;
  static final int MAX_RESOURCE = 1000;

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final int cap;

  JobEventStore(JdbcClient jdbc, TransactionTemplate transactions, int cap) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.cap = cap;
  }

  /** How many events a job may hold before its progress events are refused. */
  int cap() {
    return cap;
  }

  /**
   * Appends an event whatever the cap: one of the job's own life, or one of the last steps of a
   * run held back past the cap. In the caller's transaction or a new one; the caller has already
   * removed every secret.
   */
  void append(UUID jobId, StackEvent event, Instant at) {
    if (!appendBelow(Integer.MAX_VALUE, jobId, event, at)) {
      throw new IllegalStateException("no job " + jobId + " to append an event to");
    }
  }

  /** Appends an event of the job's own life (started, cancelled, its end, ...), always stored. */
  void append(UUID jobId, JobEventType type, String message, Instant at) {
    append(jobId, StackEvent.of(type.wireName(), message), at);
  }

  /**
   * Appends a progress event of the engine unless the job already holds {@link #cap()} events.
   *
   * @return false when the job is at its cap and the event was not stored
   */
  boolean appendProgress(UUID jobId, StackEvent event, Instant at) {
    return appendBelow(cap, jobId, event, at);
  }

  /**
   * Taking the number from the job's row locks that row, so appends of one job are ordered even
   * across replicas, and two appends cannot both take the last place under the cap.
   */
  private boolean appendBelow(int limit, UUID jobId, StackEvent event, Instant at) {
    return Boolean.TRUE.equals(transactions.execute(tx -> {
      if (jdbc.sql("update jobs set event_seq = event_seq + 1 where id = ? and event_seq < ?").params(jobId.toString(), limit).update() == 0) {
        return false;
      }
      int seq = jdbc.sql("select event_seq from jobs where id = ?").param(jobId.toString()).query(Integer.class).single();
      jdbc.sql("insert into job_events (job_id, seq, at, type, message, resource) values (?, ?, ?, ?, ?, ?)")
          .params(
              jobId.toString(),
              seq,
              JobStore.timestamp(at),
              event.type(),
              truncate(event.message(), MAX_MESSAGE),
              event.resource() == null ? null : truncate(event.resource(), MAX_RESOURCE))
          .update();
      return true;
    }));
  }

  List<JobEvent> after(UUID jobId, int afterSeq, int limit) {
    return jdbc.sql("select * from job_events where job_id = ? and seq > ? order by seq limit ?")
        .params(jobId.toString(), afterSeq, limit)
        .query(
            (rs, row) ->
                new JobEvent(
                    rs.getInt("seq"),
                    JobStore.instant(rs, "at"),
                    rs.getString("type"),
                    rs.getString("message"),
                    rs.getString("resource")))
        .list();
  }

  private static String truncate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
