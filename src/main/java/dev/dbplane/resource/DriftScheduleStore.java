package dev.dbplane.resource;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The drift schedules of resources, one per resource at most, gone with it. */
final class DriftScheduleStore {

  private final JdbcClient jdbc;

  DriftScheduleStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void put(DriftSchedule schedule) {
    int updated = jdbc.sql("update drift_schedules set every_seconds = ?, next_check_at = ?, updated_by = ?, updated_at = ? where resource_id = ?")
        .params(schedule.every().toSeconds(), timestamp(schedule.nextCheckAt()), schedule.updatedBy(), timestamp(schedule.updatedAt()),
            schedule.resourceId().toString())
        .update();
    if (updated == 0) {
      jdbc.sql("insert into drift_schedules (resource_id, every_seconds, next_check_at, updated_by, updated_at) values (?, ?, ?, ?, ?)")
          .params(schedule.resourceId().toString(), schedule.every().toSeconds(), timestamp(schedule.nextCheckAt()), schedule.updatedBy(),
              timestamp(schedule.updatedAt()))
          .update();
    }
  }

  Optional<DriftSchedule> find(UUID resourceId) {
    return jdbc.sql("select * from drift_schedules where resource_id = ?").param(resourceId.toString()).query(this::map).optional();
  }

  boolean remove(UUID resourceId) {
    return jdbc.sql("delete from drift_schedules where resource_id = ?").param(resourceId.toString()).update() > 0;
  }

  /** The schedules whose check is due, the longest overdue first. */
  List<DriftSchedule> due(Instant now) {
    return jdbc.sql("select * from drift_schedules where next_check_at <= ? order by next_check_at").param(timestamp(now)).query(this::map).list();
  }

  void nextCheckAt(UUID resourceId, Instant next) {
    jdbc.sql("update drift_schedules set next_check_at = ? where resource_id = ?").params(timestamp(next), resourceId.toString()).update();
  }

  private DriftSchedule map(ResultSet rs, int row) throws SQLException {
    return new DriftSchedule(UUID.fromString(rs.getString("resource_id")), Duration.ofSeconds(rs.getLong("every_seconds")),
        rs.getObject("next_check_at", OffsetDateTime.class).toInstant(), rs.getString("updated_by"),
        rs.getObject("updated_at", OffsetDateTime.class).toInstant());
  }

  private static OffsetDateTime timestamp(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
