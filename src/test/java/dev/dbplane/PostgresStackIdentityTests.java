package dev.dbplane;

import dev.dbplane.support.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** One stack per cluster on PostgreSQL, the production database. */
class PostgresStackIdentityTests extends StackIdentityContract {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    TestDatabases.postgres(registry);
  }
}
