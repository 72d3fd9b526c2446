package dev.dbplane;

import dev.dbplane.support.TestPostgres;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The cap on a job's events on PostgreSQL. */
class PostgresJobEventCapTests extends JobEventCapContract {

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    TestPostgres.Database database = TestPostgres.newDatabase();
    registry.add("spring.datasource.url", database::url);
    registry.add("spring.datasource.username", database::user);
    registry.add("spring.datasource.password", database::password);
  }
}
