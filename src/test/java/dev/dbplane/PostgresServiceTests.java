package dev.dbplane;

import dev.dbplane.support.TestPostgres;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The service contract on PostgreSQL, the production database. */
class PostgresServiceTests extends ServiceContract {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    TestPostgres.newDatabaseFor(registry);
  }
}
