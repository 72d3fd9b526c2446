package dev.dbplane.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The container the PostgreSQL suites run on where Docker is: it needs a Docker engine, so without one it is
 * reported as disabled ("Docker is not available"); the choice of source is covered without Docker by
 * {@link TestServerSourcesTest}.
 */
@Testcontainers(disabledWithoutDocker = true)
class TestPostgresContainerTest {

  @Container
  static final PostgreSQLContainer postgres = TestPostgres.container();

  @Test
  void runsThePinnedMajorVersion() throws SQLException {
    assertThat(Integer.parseInt(setting("server_version_num")) / 10000).isEqualTo(TestPostgres.MAJOR_VERSION);
  }

  @Test
  void takesAsManyConnectionsAsTheDebianWay() throws SQLException {
    assertThat(setting("max_connections")).isEqualTo("200");
  }

  private static String setting(String name) throws SQLException {
    try (Connection connection = DriverManager.getConnection(postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword());
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("select current_setting('" + name + "')")) {
      result.next();
      return result.getString(1);
    }
  }
}
