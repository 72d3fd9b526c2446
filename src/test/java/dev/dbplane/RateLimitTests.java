package dev.dbplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.dbplane.support.EngineForTests;
import dev.dbplane.support.TestKeys;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** Changes are limited per caller; reads and other callers are not held back by it. */
@SpringBootTest(properties = {"dbplane.engine=scripted", "dbplane.security.mutations-per-minute=2",
    "spring.datasource.url=jdbc:h2:mem:ratelimit;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1"})
@AutoConfigureMockMvc
@Import(EngineForTests.class)
class RateLimitTests {

  @Autowired MockMvc mvc;

  @Test
  void aCallerOverItsLimitGets429WithRetryAfter() throws Exception {
    for (int i = 0; i < 2; i++) {
      assertThat(create(TestKeys.OPERATOR).getResponse().getStatus()).isEqualTo(202);
    }
    MvcResult limited = create(TestKeys.OPERATOR);
    assertThat(limited.getResponse().getStatus()).isEqualTo(429);
    assertThat(limited.getResponse().getContentType()).isEqualTo("application/problem+json");
    assertThat(Long.parseLong(limited.getResponse().getHeader("Retry-After"))).isBetween(1L, 60L);
    assertThat(mvc.perform(get("/api/v1/jobs").header(TestKeys.HEADER, TestKeys.OPERATOR)).andReturn().getResponse().getStatus()).isEqualTo(200);
    assertThat(create(TestKeys.ADMIN).getResponse().getStatus()).isEqualTo(202);
  }

  private MvcResult create(String key) throws Exception {
    String name = "rate-" + UUID.randomUUID().toString().substring(0, 8);
    return mvc.perform(post("/api/v1/database-clusters").header(TestKeys.HEADER, key).contentType("application/json")
        .content(ServiceContract.stackInput(name, 2, 0))).andReturn();
  }
}
