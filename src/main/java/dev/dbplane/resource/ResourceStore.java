package dev.dbplane.resource;

import com.google.protobuf.Internal;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import dev.dbplane.common.Page;
import dev.dbplane.engine.KindRegistry;
import dev.dbplane.engine.StackName;
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
import org.springframework.jdbc.core.simple.JdbcClient;

/** The resources table: every managed resource of every kind, its manifest read back as its kind's. */
public final class ResourceStore {

  private final JdbcClient jdbc;
  private final KindRegistry<ResourceKind<?, ?>> kinds;

  ResourceStore(JdbcClient jdbc, KindRegistry<ResourceKind<?, ?>> kinds) {
    this.jdbc = jdbc;
    this.kinds = kinds;
  }

  /**
   * Inserts the resource unless its name or its stack is taken; false when taken. A conflict leaves
   * the transaction usable (PostgreSQL aborts one on a failed insert), so the caller can still say
   * which resource holds what.
   */
  boolean insert(ManagedResource resource, String nameKey) {
    return jdbc.sql(
            """
            insert into resources (id, kind, name, name_key, cluster_id, org, env, engine, region, stack_name, stack_key, spec_version,
                                   manifest, state, created_by, created_at, updated_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict do nothing
            """)
        .params(
            resource.id().toString(), resource.kind(), resource.name(), nameKey, id(resource.clusterId()), resource.org(), resource.env(),
            resource.engine(), resource.region(), resource.stack().fullyQualified(), StackNames.key(resource.stack()), resource.specVersion(),
            resource.manifest().toByteArray(), resource.state().name(), resource.createdBy(), timestamp(resource.createdAt()),
            timestamp(resource.updatedAt()))
        .update()
        == 1;
  }

  /**
   * Replaces the spec if the stored version is still {@code expectedVersion}; false otherwise. The
   * stack is never written again: it was named once, at the insert.
   */
  boolean updateSpec(ManagedResource resource, String nameKey, int expectedVersion) {
    return jdbc.sql(
                """
                update resources set name = ?, name_key = ?, org = ?, env = ?, engine = ?, region = ?, spec_version = ?,
                                     manifest = ?, updated_at = ?
                where id = ? and spec_version = ?
                """)
            .params(
                resource.name(), nameKey, resource.org(), resource.env(), resource.engine(), resource.region(), resource.specVersion(),
                resource.manifest().toByteArray(), timestamp(resource.updatedAt()), resource.id().toString(), expectedVersion)
            .update()
        == 1;
  }

  void setState(UUID id, ResourceState state, Instant now) {
    jdbc.sql("update resources set state = ?, updated_at = ? where id = ?")
        .params(state.name(), timestamp(now), id.toString())
        .update();
  }

  /** Records DigitalOcean's id of the resource, as its last successful job read it. */
  void setDigitalOceanId(UUID id, String digitalOceanId) {
    jdbc.sql("update resources set digitalocean_id = ? where id = ?").params(digitalOceanId, id.toString()).update();
  }

  void delete(UUID id) {
    jdbc.sql("delete from resources where id = ?").param(id.toString()).update();
  }

  public Optional<ManagedResource> find(UUID id) {
    return jdbc.sql("select * from resources where id = ?").param(id.toString()).query(this::map).optional();
  }

  /** The resource of a kind with that id, if it is one of that kind. */
  Optional<ManagedResource> find(String kind, UUID id) {
    return find(id).filter(resource -> resource.kind().equals(kind));
  }

  /** The resource of a kind that DigitalOcean knows by {@code digitalOceanId}. */
  Optional<ManagedResource> findByDigitalOceanId(String kind, String digitalOceanId) {
    return jdbc.sql("select * from resources where kind = ? and digitalocean_id = ?").params(kind, digitalOceanId).query(this::map)
        .stream().findFirst();
  }

  /** The resource of a kind in an org and env whose manifest's {@code metadata.name} is {@code name}. */
  Optional<ManagedResource> findByManifestName(String kind, String org, String env, String name) {
    return jdbc.sql("select * from resources where kind = ? and org = ? and env = ? order by created_at").params(kind, org, env)
        .query(this::map).stream()
        .filter(resource -> RequestRules.metadataOf(resource.manifest()).getName().equals(name))
        .findFirst();
  }

  /** The resources of a kind that live in a managed cluster. */
  List<ManagedResource> inCluster(String kind, UUID clusterId) {
    return jdbc.sql("select * from resources where kind = ? and cluster_id = ? order by name").params(kind, clusterId.toString())
        .query(this::map).list();
  }

  /** Every resource that lives in a managed cluster, of any kind. */
  public List<ManagedResource> inCluster(UUID clusterId) {
    return jdbc.sql("select * from resources where cluster_id = ? order by kind, name").param(clusterId.toString()).query(this::map).list();
  }

  /** How many resources of the kind the org has in the environment. */
  long countInOrg(String kind, String org, String env) {
    return jdbc.sql("select count(*) from resources where kind = ? and org = ? and env = ?").params(kind, org, env).query(Long.class).single();
  }

  Optional<ManagedResource> findByNameKey(String nameKey) {
    return jdbc.sql("select * from resources where name_key = ?").param(nameKey).query(this::map).optional();
  }

  /** The resource whose stack is the same stack as this one, told apart as {@link StackNames#key} does. */
  Optional<ManagedResource> findByStack(StackName stack) {
    return jdbc.sql("select * from resources where stack_key = ?").param(StackNames.key(stack)).query(this::map).optional();
  }

  Page<ManagedResource> page(String kind, ResourceFilter filter, int page, int size) {
    StringBuilder where = new StringBuilder(" where kind = ?");
    List<Object> params = new ArrayList<>(List.of(kind));
    addFilter(where, params, "org", filter.org());
    addFilter(where, params, "env", filter.env());
    addFilter(where, params, "engine", filter.engine());
    addFilter(where, params, "cluster_id", id(filter.clusterId()));
    return Page.query(jdbc, "resources" + where, params, "name", this::map, page, size);
  }

  private static void addFilter(StringBuilder where, List<Object> params, String column, @Nullable String value) {
    if (value != null) {
      where.append(" and ").append(column).append(" = ?");
      params.add(value);
    }
  }

  private ManagedResource map(ResultSet rs, int row) throws SQLException {
    String[] stack = rs.getString("stack_name").split("/", 3);
    String kind = rs.getString("kind");
    String clusterId = rs.getString("cluster_id");
    return new ManagedResource(
        UUID.fromString(rs.getString("id")),
        kind,
        rs.getString("name"),
        clusterId == null ? null : UUID.fromString(clusterId),
        rs.getString("org"),
        rs.getString("env"),
        rs.getString("engine"),
        rs.getString("region"),
        new StackName(stack[0], stack[1], stack[2]),
        rs.getInt("spec_version"),
        manifest(kind, rs),
        ResourceState.valueOf(rs.getString("state")),
        rs.getString("digitalocean_id"),
        rs.getString("created_by"),
        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
        rs.getObject("updated_at", OffsetDateTime.class).toInstant());
  }

  private Message manifest(String kind, ResultSet rs) throws SQLException {
    Class<? extends Message> type = kinds.of(kind).manifestType();
    try {
      return Internal.getDefaultInstance(type).getParserForType().parseFrom(rs.getBytes("manifest"));
    } catch (InvalidProtocolBufferException e) {
      throw new SQLException("the stored manifest of " + kind + " " + rs.getString("id") + " cannot be read", e);
    }
  }

  private static @Nullable String id(@Nullable UUID id) {
    return id == null ? null : id.toString();
  }

  private static OffsetDateTime timestamp(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
