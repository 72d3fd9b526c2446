package dev.dbplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbplane.support.ServiceProcess;
import dev.dbplane.support.TestKeys;
import dev.dbplane.support.TestPostgres;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Two replicas on one PostgreSQL share each caller's limit on changes: what a caller sent through
 * one counts on the other, so the limit holds for their sum, not once per replica.
 */
class SharedRateLimitTests {

  private static final int PER_MINUTE = 3;

  @Test
  void theLimitHoldsForTheSumOfTwoReplicas() throws Exception {
    TestPostgres.Database database = TestPostgres.newDatabase();
    Path dataDir = Files.createTempDirectory("dbplane-shared-limit");
    Map<String, String> properties = ServiceProcess.on(database, dataDir,
        Map.of("dbplane.security.mutations-per-minute", Integer.toString(PER_MINUTE)));
    Path log = dataDir.resolve("replicas.log");
    try (ServiceProcess a = ServiceProcess.start(properties, Map.of(), log);
        ServiceProcess b = ServiceProcess.start(properties, Map.of(), log)) {
      // Two changes through one replica and one through the other: each replica alone saw fewer than the limit.
      assertThat(create(a, TestKeys.OPERATOR).statusCode()).isEqualTo(202);
      assertThat(create(a, TestKeys.OPERATOR).statusCode()).isEqualTo(202);
      assertThat(create(b, TestKeys.OPERATOR).statusCode()).isEqualTo(202);

      for (ServiceProcess replica : new ServiceProcess[] {b, a}) {
        HttpResponse<String> limited = create(replica, TestKeys.OPERATOR);
        assertThat(limited.statusCode()).as(limited.body()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
        assertThat(limited.body()).contains("rate-limited", "at most " + PER_MINUTE + " changes a minute per caller, across all replicas");
      }
      // Another caller has a bucket of its own; reads are not limited.
      assertThat(create(b, TestKeys.ADMIN).statusCode()).isEqualTo(202);
      assertThat(b.api().send(TestKeys.OPERATOR, "GET", "/api/v1/jobs", null, null).statusCode()).isEqualTo(200);
    }
  }

  private static HttpResponse<String> create(ServiceProcess replica, String key) throws Exception {
    String name = "limit-" + UUID.randomUUID().toString().substring(0, 8);
    return replica.api().send(key, "POST", "/api/v1/database-clusters", "application/json", ServiceContract.stackInput(name, 2, 0));
  }
}
