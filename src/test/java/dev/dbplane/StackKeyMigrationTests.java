package dev.dbplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbplane.support.TestPostgres;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The migration that makes a stack one cluster's, on both databases: clusters stored before it get
 * their stack's key, those that already shared a stack keep working under a key of their own, and
 * from then on the database refuses a second cluster in a stack.
 */
class StackKeyMigrationTests {

  @Test
  void existingClustersMigrateOnH2() {
    migrates(new DriverManagerDataSource(
        "jdbc:h2:mem:" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1"));
  }

  @Test
  void existingClustersMigrateOnPostgres() {
    TestPostgres.Database database = TestPostgres.newDatabase();
    migrates(new DriverManagerDataSource(database.url(), database.user(), database.password()));
  }

  private static void migrates(DriverManagerDataSource dataSource) {
    Flyway.configure().dataSource(dataSource).target("4").load().migrate();
    JdbcClient jdbc = JdbcClient.create(dataSource);
    insert(jdbc, "a", "alpha-db", "acme/dbplane/prod.alpha-db", "2024-01-01 00:00:00+00");
    // The take-over: another cluster, and another organization, in alpha's stack.
    insert(jdbc, "b", "gamma-db", "acme/dbplane/prod.alpha-db", "2024-01-02 00:00:00+00");
    insert(jdbc, "c", "delta-db", "globex/dbplane/Prod.Alpha-DB", "2024-01-03 00:00:00+00");
    insert(jdbc, "d", "orders-db", "acme/databases/prod.orders-db", "2024-01-02 00:00:00+00");

    // The last migration that keeps the clusters table; ResourcesMigrationTests takes it from there.
    Flyway.configure().dataSource(dataSource).target("9").load().migrate();

    Map<String, String> keys = jdbc.sql("select id, stack_key from clusters").query((rs, row) -> Map.entry(rs.getString(1), rs.getString(2)))
        .list().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    assertThat(keys).containsExactlyInAnyOrderEntriesOf(Map.of(
        "a", "dbplane/prod.alpha-db",
        "b", "dbplane/prod.alpha-db#b",
        "c", "dbplane/prod.alpha-db#c",
        "d", "databases/prod.orders-db"));
    assertThat(jdbc.sql("select stack_name from clusters where id = 'c'").query(String.class).single()).isEqualTo("globex/dbplane/Prod.Alpha-DB");
    assertThatThrownBy(() -> jdbc.sql("update clusters set stack_key = 'databases/prod.orders-db' where id = 'a'").update())
        .isInstanceOf(DuplicateKeyException.class);
  }

  private static void insert(JdbcClient jdbc, String id, String name, String stack, String createdAt) {
    jdbc.sql(
            """
            insert into clusters (id, cluster_name, org, env, engine, region, stack_name, spec_version, manifest, state,
                                  created_by, created_at, updated_at)
            values (?, ?, 'acme', 'prod', 'pg', 'NYC3', ?, 1, ?, 'READY', 'test', cast(? as timestamp with time zone), current_timestamp)
            """)
        .params(id, name, stack, new byte[0], createdAt)
        .update();
  }
}
