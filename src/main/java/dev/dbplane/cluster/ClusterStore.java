package dev.dbplane.cluster;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.dbplane.common.Page;
import dev.dbplane.engine.StackName;
import dev.dbplane.common.Page;
import dev.dbplane.resource.StackNames;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseCluster;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The clusters table. */
final class ClusterStore {

  private final JdbcClient jdbc;

  ClusterStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Inserts the cluster unless its name or its stack is taken; false when taken. A conflict leaves
   * the transaction usable (PostgreSQL aborts one on a failed insert), so the caller can still say
   * which cluster holds what.
   */
  boolean insert(Cluster cluster) {
    return jdbc.sql(
            """
            insert into clusters (id, cluster_name, org, env, engine, region, stack_name, stack_key, spec_version, manifest, state,
                                  created_by, created_at, updated_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict do nothing
            """)
        .params(
            cluster.id().toString(), cluster.name(), cluster.org(), cluster.env(), cluster.engine(), cluster.region(),
            cluster.stack().fullyQualified(), StackNames.key(cluster.stack()), cluster.specVersion(), cluster.manifest().toByteArray(),
            cluster.state().name(), cluster.createdBy(), timestamp(cluster.createdAt()), timestamp(cluster.updatedAt()))
        .update()
        == 1;
  }

  /**
   * Replaces the spec if the stored version is still {@code expectedVersion}; false otherwise. The
   * stack is never written again: it was named once, at the insert.
   */
  boolean updateSpec(Cluster cluster, int expectedVersion) {
    return jdbc.sql(
                """
                update clusters set cluster_name = ?, org = ?, env = ?, engine = ?, region = ?, spec_version = ?,
                                    manifest = ?, updated_at = ?
                where id = ? and spec_version = ?
                """)
            .params(
                cluster.name(), cluster.org(), cluster.env(), cluster.engine(), cluster.region(), cluster.specVersion(),
                cluster.manifest().toByteArray(), timestamp(cluster.updatedAt()), cluster.id().toString(), expectedVersion)
            .update()
        == 1;
  }

  void setState(UUID id, ClusterState state, Instant now) {
    jdbc.sql("update clusters set state = ?, updated_at = ? where id = ?")
        .params(state.name(), timestamp(now), id.toString())
        .update();
  }

  void delete(UUID id) {
    jdbc.sql("delete from clusters where id = ?").param(id.toString()).update();
  }

  Optional<Cluster> find(UUID id) {
    return jdbc.sql("select * from clusters where id = ?").param(id.toString()).query(ClusterStore::map).optional();
  }

  Optional<Cluster> findByName(String name) {
    return jdbc.sql("select * from clusters where cluster_name = ?").param(name).query(ClusterStore::map).optional();
  }

  /** The cluster whose stack is the same stack as this one, told apart as {@link StackNames#key} does. */
  Optional<Cluster> findByStack(StackName stack) {
    return jdbc.sql("select * from clusters where stack_key = ?").param(StackNames.key(stack)).query(ClusterStore::map).optional();
  }

  Page<Cluster> page(ClusterFilter filter, int page, int size) {
    StringBuilder where = new StringBuilder(" where 1 = 1");
    List<Object> params = new ArrayList<>();
    addFilter(where, params, "org", filter.org());
    addFilter(where, params, "env", filter.env());
    addFilter(where, params, "engine", filter.engine());
    return Page.query(jdbc, "clusters" + where, params, "cluster_name", ClusterStore::map, page, size);
  }

  private static void addFilter(StringBuilder where, List<Object> params, String column, @Nullable String value) {
    if (value != null) {
      where.append(" and ").append(column).append(" = ?");
      params.add(value);
    }
  }

  private static Cluster map(ResultSet rs, int row) throws SQLException {
    String[] stack = rs.getString("stack_name").split("/", 3);
    try {
      return new Cluster(
          UUID.fromString(rs.getString("id")),
          rs.getString("cluster_name"),
          rs.getString("org"),
          rs.getString("env"),
          rs.getString("engine"),
          rs.getString("region"),
          new StackName(stack[0], stack[1], stack[2]),
          rs.getInt("spec_version"),
          DigitalOceanDatabaseCluster.parseFrom(rs.getBytes("manifest")),
          ClusterState.valueOf(rs.getString("state")),
          rs.getString("created_by"),
          rs.getObject("created_at", OffsetDateTime.class).toInstant(),
          rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    } catch (InvalidProtocolBufferException e) {
      throw new SQLException("the stored manifest of cluster " + rs.getString("id") + " cannot be read", e);
    }
  }

  static OffsetDateTime timestamp(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
