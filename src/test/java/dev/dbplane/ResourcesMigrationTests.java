package dev.dbplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbplane.support.TestPostgres;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The migration that moves clusters into the table of every kind, on both databases: each cluster
 * keeps its id, its sealed token and outputs and its webhooks; from then on a name is one resource's,
 * and a cluster with something living in it cannot go.
 */
class ResourcesMigrationTests {

  private static final byte[] SEALED = {1, 2, 3};

  @Test
  void clustersMoveInOnH2() {
    migrates(new DriverManagerDataSource(
        "jdbc:h2:mem:" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1"));
  }

  @Test
  void clustersMoveInOnPostgres() {
    TestPostgres.Database database = TestPostgres.newDatabase();
    migrates(new DriverManagerDataSource(database.url(), database.user(), database.password()));
  }

  private static void migrates(DataSource dataSource) {
    Flyway.configure().dataSource(dataSource).target("9").load().migrate();
    JdbcClient jdbc = JdbcClient.create(dataSource);
    jdbc.sql(
            """
            insert into clusters (id, cluster_name, org, env, engine, region, stack_name, stack_key, spec_version, manifest, state,
                                  created_by, created_at, updated_at)
            values ('a', 'alpha-db', 'acme', 'prod', 'pg', 'NYC3', 'acme/dbplane/prod.alpha-db', 'dbplane/prod.alpha-db', 3, ?, 'READY',
                    'ops', current_timestamp, current_timestamp)
            """)
        .param(new byte[] {9})
        .update();
    jdbc.sql("insert into cluster_credentials (cluster_id, ciphertext, updated_at) values ('a', ?, current_timestamp)").param(SEALED).update();
    jdbc.sql("""
            insert into cluster_outputs (cluster_id, job_id, ciphertext, output_keys, secret_keys, updated_at)
            values ('a', 'j', ?, 'host', '', current_timestamp)
            """).param(SEALED).update();
    jdbc.sql("""
            insert into webhooks (id, cluster_id, url, secret_ciphertext, created_by, created_at, url_ciphertext)
            values ('w', 'a', 'https://portal.example/hooks', ?, 'ops', current_timestamp, ?)
            """).params(SEALED, SEALED).update();

    Flyway.configure().dataSource(dataSource).load().migrate();

    Map<String, Object> moved = jdbc.sql("select * from resources where id = 'a'").query().singleRow();
    assertThat(moved).containsEntry("kind", "DigitalOceanDatabaseCluster").containsEntry("name", "alpha-db")
        .containsEntry("name_key", "DigitalOceanDatabaseCluster/alpha-db").containsEntry("stack_key", "dbplane/prod.alpha-db")
        .containsEntry("spec_version", 3).containsEntry("engine", "pg").containsEntry("region", "NYC3");
    assertThat(moved.get("cluster_id")).isNull();
    assertThat(jdbc.sql("select ciphertext from resource_credentials where resource_id = 'a'").query(byte[].class).single()).isEqualTo(SEALED);
    assertThat(jdbc.sql("select ciphertext from resource_outputs where resource_id = 'a'").query(byte[].class).single()).isEqualTo(SEALED);
    assertThat(jdbc.sql("select url from webhooks where cluster_id = 'a'").query(String.class).single()).isEqualTo("https://portal.example/hooks");

    assertThatThrownBy(() -> insertResource(jdbc, "b", "DigitalOceanDatabaseCluster/alpha-db", null))
        .as("a second cluster of the same name").isInstanceOf(DataIntegrityViolationException.class);
    insertResource(jdbc, "d", "DigitalOceanDatabaseDb/a/app", "a");
    assertThatThrownBy(() -> jdbc.sql("delete from resources where id = 'a'").update())
        .as("a cluster something lives in").isInstanceOf(DataIntegrityViolationException.class);

    jdbc.sql("delete from resources where id = 'd'").update();
    jdbc.sql("delete from resources where id = 'a'").update();
    assertThat(jdbc.sql("select count(*) from webhooks").query(Long.class).single()).isZero();
    assertThat(jdbc.sql("select count(*) from resource_credentials").query(Long.class).single()).isZero();
  }

  private static void insertResource(JdbcClient jdbc, String id, String nameKey, String clusterId) {
    jdbc.sql(
            """
            insert into resources (id, kind, name, name_key, cluster_id, org, env, stack_name, stack_key, spec_version, manifest, state,
                                   created_by, created_at, updated_at)
            values (?, 'DigitalOceanDatabaseDb', 'app', ?, ?, 'acme', 'prod', ?, ?, 1, ?, 'READY', 'ops', current_timestamp, current_timestamp)
            """)
        .params(id, nameKey, clusterId, "acme/dbplane/" + id, "dbplane/" + id, new byte[0])
        .update();
  }
}
