package dev.dbplane;

import dev.dbplane.support.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The service contract on the embedded default database, H2 in PostgreSQL mode. */
class H2ServiceTests extends ServiceContract {

  @DynamicPropertySource
  static void h2(DynamicPropertyRegistry registry) {
    TestDatabases.h2(registry);
  }
}
