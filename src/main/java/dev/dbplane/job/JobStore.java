package dev.dbplane.job;

import dev.dbplane.common.Page;
import dev.dbplane.engine.Operation;
import dev.dbplane.engine.Verification;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The jobs table. Every change of status is a conditional update on the status the caller expects,
 * so two workers or a worker and a cancel can never both win a move.
 */
final class JobStore {

  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
  private static final TypeReference<Map<String, Integer>> COUNTS = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final KindSubjects kinds;

  JobStore(JdbcClient jdbc, JsonMapper json, KindSubjects kinds) {
    this.jdbc = jdbc;
    this.json = json;
    this.kinds = kinds;
  }

  /**
   * @param lockId the cluster whose jobs never run at the same time
   * @throws org.springframework.dao.DuplicateKeyException when that cluster already has an active job
   */
  void insert(Job job, UUID lockId) {
    jdbc.sql(
            """
            insert into jobs (id, cluster_id, cluster_name, operation, status, active_cluster_id, requested_by,
                              spec_version, kind, spec_json, warnings_json, attempts, queued_at)
            values (:id, :clusterId, :clusterName, :operation, :status, :lockId, :requestedBy,
                    :specVersion, :kind, :spec, :warnings, 0, :queuedAt)
            """)
        .param("id", job.id().toString())
        .param("clusterId", job.clusterId().toString())
        .param("lockId", lockId.toString())
        .param("clusterName", job.clusterName())
        .param("operation", job.operation().name())
        .param("status", job.status().name())
        .param("requestedBy", job.requestedBy())
        .param("specVersion", job.specVersion())
        .param("kind", job.spec().kind())
        .param("spec", json.writeValueAsString(job.spec()))
        .param("warnings", json.writeValueAsString(job.warnings()))
        .param("queuedAt", timestamp(job.queuedAt()))
        .update();
  }

  Optional<Job> find(UUID id) {
    return jdbc.sql("select * from jobs where id = ?").param(id.toString()).query(this::map).optional();
  }

  Optional<JobStatus> status(UUID id) {
    return jdbc.sql("select status from jobs where id = ?")
        .param(id.toString())
        .query((rs, row) -> JobStatus.valueOf(rs.getString(1)))
        .optional();
  }

  /** The active job of the resource. */
  Optional<Job> activeFor(UUID resourceId) {
    return jdbc.sql("select * from jobs where cluster_id = ? and active_cluster_id is not null").param(resourceId.toString())
        .query(this::map).optional();
  }

  /** The active job under the cluster's lock: the cluster's own, or one of a resource in it. */
  Optional<Job> activeUnder(UUID lockId) {
    return jdbc.sql("select * from jobs where active_cluster_id = ?").param(lockId.toString()).query(this::map).optional();
  }

  Optional<Job> latestFor(UUID clusterId) {
    return jdbc.sql("select * from jobs where cluster_id = ? order by queued_at desc, id desc limit 1")
        .param(clusterId.toString())
        .query(this::map)
        .optional();
  }

  /** How many jobs wait, and since when the oldest. */
  record QueueStats(long depth, @Nullable Instant oldestQueuedAt) {}

  QueueStats queueStats() {
    return jdbc.sql("select count(*) as depth, min(queued_at) as oldest from jobs where status = 'QUEUED'")
        .query((rs, row) -> new QueueStats(rs.getLong("depth"), nullableInstant(rs, "oldest")))
        .single();
  }

  Page<Job> page(JobFilter filter, int page, int size) {
    StringBuilder where = new StringBuilder(" where 1 = 1");
    List<Object> params = new ArrayList<>();
    if (filter.clusterId() != null) {
      where.append(" and cluster_id = ?");
      params.add(filter.clusterId().toString());
    }
    if (filter.status() != null) {
      where.append(" and status = ?");
      params.add(filter.status().name());
    }
    if (filter.operation() != null) {
      where.append(" and operation = ?");
      params.add(filter.operation().name());
    }
    return Page.query(jdbc, "jobs" + where, params, "queued_at desc, id desc", this::map, page, size);
  }

  /** Moves a job to RUNNING, counting the attempt; false when it was not in {@code from} any more. */
  boolean start(UUID id, JobStatus from, Instant now) {
    from.moveTo(JobStatus.RUNNING);
    return jdbc.sql(
                """
                update jobs set status = 'RUNNING', attempts = attempts + 1, started_at = coalesce(started_at, ?)
                where id = ? and status = ?
                """)
            .params(timestamp(now), id.toString(), from.name())
            .update()
        == 1;
  }

  /** Puts a running job back in the queue, for another instance; false when it was not RUNNING. */
  boolean handBack(UUID id) {
    JobStatus.RUNNING.moveTo(JobStatus.QUEUED);
    return jdbc.sql("update jobs set status = 'QUEUED' where id = ? and status = 'RUNNING'").param(id.toString()).update() == 1;
  }

  boolean requestCancel(UUID id) {
    JobStatus.RUNNING.moveTo(JobStatus.CANCELLING);
    return jdbc.sql("update jobs set status = 'CANCELLING' where id = ? and status = 'RUNNING'")
            .param(id.toString())
            .update()
        == 1;
  }

  /** Ends a job; false when it was not in {@code from} any more. Frees the cluster for a new job. */
  boolean finish(
      UUID id, JobStatus from, JobStatus to, @Nullable Map<String, Integer> changes, @Nullable JobError error, Instant now) {
    from.moveTo(to);
    if (!to.isTerminal()) {
      throw new IllegalArgumentException(to + " does not end a job");
    }
    return jdbc.sql(
                """
                update jobs set status = :to, active_cluster_id = null, finished_at = :now, changes_json = :changes,
                                error_code = :errorCode, error_message = :errorMessage
                where id = :id and status = :from
                """)
            .param("to", to.name())
            .param("now", timestamp(now))
            .param("changes", changes == null ? null : json.writeValueAsString(changes))
            .param("errorCode", error == null ? null : error.code().name())
            .param("errorMessage", error == null ? null : error.message())
            .param("id", id.toString())
            .param("from", from.name())
            .update()
        == 1;
  }

  private Job map(ResultSet rs, int row) throws SQLException {
    String changes = rs.getString("changes_json");
    String errorCode = rs.getString("error_code");
    String verification = rs.getString("verification_json");
    return new Job(
        UUID.fromString(rs.getString("id")),
        UUID.fromString(rs.getString("cluster_id")),
        rs.getString("cluster_name"),
        Operation.valueOf(rs.getString("operation")),
        JobStatus.valueOf(rs.getString("status")),
        rs.getString("requested_by"),
        rs.getInt("spec_version"),
        json.readValue(rs.getString("spec_json"), kinds.specType(rs.getString("kind"))),
        json.readValue(rs.getString("warnings_json"), STRINGS),
        changes == null ? null : json.readValue(changes, COUNTS),
        errorCode == null ? null : new JobError(JobErrorCode.valueOf(errorCode), rs.getString("error_message")),
        rs.getInt("attempts"),
        instant(rs, "queued_at"),
        nullableInstant(rs, "started_at"),
        nullableInstant(rs, "finished_at"),
        verification == null ? null : json.readValue(verification, Verification.class));
  }

  /** Records what connecting to the job's resource after its run showed. */
  void verified(UUID id, Verification verification) {
    jdbc.sql("update jobs set verification_json = ? where id = ?").params(json.writeValueAsString(verification), id.toString()).update();
  }

  Optional<Verification> latestVerificationFor(UUID resourceId) {
    return jdbc.sql("select verification_json from jobs where cluster_id = ? and verification_json is not null order by finished_at desc limit 1")
        .param(resourceId.toString()).query(String.class).optional().map(text -> json.readValue(text, Verification.class));
  }

  static OffsetDateTime timestamp(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    return rs.getObject(column, OffsetDateTime.class).toInstant();
  }

  static @Nullable Instant nullableInstant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
