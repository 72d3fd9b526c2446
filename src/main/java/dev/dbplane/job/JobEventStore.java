package dev.dbplane.job;

import dev.dbplane.engine.StackEvent;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The ordered, append-only events of each job. */
final class JobEventStore {

  static final int MAX_MESSAGE = 4000;
  static final int MAX_RESOURCE = 1000;

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;

  JobEventStore(JdbcClient jdbc, TransactionTemplate transactions) {
    this.jdbc = jdbc;
    this.transactions = transactions;
  }

  /**
   * Appends an event as the job's next, in the caller's transaction or a new one. Taking the number
   * from the job's row locks that row, so appends of one job are ordered even across replicas.
   * The caller has already removed every secret.
   */
  void append(UUID jobId, StackEvent event, Instant at) {
    transactions.executeWithoutResult(tx -> {
      jdbc.sql("update jobs set event_seq = event_seq + 1 where id = ?").param(jobId.toString()).update();
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
    });
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
