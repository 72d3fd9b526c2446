package dev.dbplane.audit;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes and reads the audit log. Entries are written in the caller's transaction, so an action and
 * its entry are kept or rolled back together; there is no way to change or remove one.
 */
@Component
public class AuditLog {

  private final JdbcClient jdbc;
  private final Clock clock = Clock.systemUTC();

  AuditLog(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void record(String actor, String action, @Nullable UUID clusterId, String detail) {
    jdbc.sql("insert into audit_events (id, at, actor, action, cluster_id, detail) values (?, ?, ?, ?, ?, ?)")
        .params(UUID.randomUUID().toString(), OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC), actor, action,
            clusterId == null ? null : clusterId.toString(), detail.length() > 2000 ? detail.substring(0, 2000) : detail)
        .update();
  }

  /** Newest first. */
  public List<AuditEvent> latest(@Nullable UUID clusterId, int offset, int limit) {
    List<Object> params = new java.util.ArrayList<>();
    String where = "";
    if (clusterId != null) {
      where = " where cluster_id = ?";
      params.add(clusterId.toString());
    }
    params.add(limit);
    params.add(offset);
    return jdbc.sql("select * from audit_events" + where + " order by at desc, id desc limit ? offset ?")
        .params(params)
        .query((rs, row) -> new AuditEvent(
            UUID.fromString(rs.getString("id")),
            rs.getObject("at", OffsetDateTime.class).toInstant(),
            rs.getString("actor"),
            rs.getString("action"),
            rs.getString("cluster_id") == null ? null : UUID.fromString(rs.getString("cluster_id")),
            rs.getString("detail")))
        .list();
  }
}
