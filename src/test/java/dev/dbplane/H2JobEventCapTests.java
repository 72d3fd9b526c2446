package dev.dbplane;

import dev.dbplane.support.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The cap on a job's events on the embedded default database. */
class H2JobEventCapTests extends JobEventCapContract {

  @DynamicPropertySource
  static void h2(DynamicPropertyRegistry registry) {
    TestDatabases.h2(registry);
  }
}
