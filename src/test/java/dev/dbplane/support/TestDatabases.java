package dev.dbplane.support;

import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/** The databases a service contract runs on: a fresh one for each test class that registers it. */
public final class TestDatabases {

  private TestDatabases() {}

  /** The embedded default database, H2 in PostgreSQL mode, in memory. */
  public static void h2(DynamicPropertyRegistry registry) {
    registry.add(
        "spring.datasource.url",
        () -> "jdbc:h2:mem:" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
  }

  /** PostgreSQL, the production database. */
  public static void postgres(DynamicPropertyRegistry registry) {
    TestPostgres.Database database = TestPostgres.newDatabase();
    registry.add("spring.datasource.url", database::url);
    registry.add("spring.datasource.username", database::user);
    registry.add("spring.datasource.password", database::password);
  }
}
