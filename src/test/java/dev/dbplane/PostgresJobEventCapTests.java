package dev.dbplane;

import dev.dbplane.support.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The cap on a job's events on PostgreSQL. */
class PostgresJobEventCapTests extends JobEventCapContract {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    TestDatabases.postgres(registry);
  }
}
