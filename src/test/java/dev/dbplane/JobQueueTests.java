package dev.dbplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.jayway.jsonpath.JsonPath;
import dev.dbplane.support.EngineForTests;
import dev.dbplane.support.TestKeys;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A submitted job starts as soon as its transaction commits, not at the scheduler's next poll: with
 * polling an hour apart, a job that waited for it would never start within the test.
 */
@SpringBootTest(properties = {"dbplane.engine=scripted", "dbplane.jobs.polling-interval=1h"})
@AutoConfigureMockMvc
@Import(EngineForTests.class)
class JobQueueTests {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @Autowired MockMvc mvc;

  @Test
  void aSubmittedJobStartsWhenItsTransactionCommitsWithoutWaitingForAPoll() throws Exception {
    // The scheduler's first poll at start-up has passed once the context is up; wait past it.
    Thread.sleep(1000);
    String name = "queue-" + UUID.randomUUID().toString().substring(0, 8);
    String created = mvc.perform(post("/api/v1/database-clusters").header(TestKeys.HEADER, TestKeys.OPERATOR)
            .contentType("application/json").content(ServiceContract.stackInput(name, 2, 0)))
        .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    String jobId = JsonPath.read(created, "$.job.id");
    Instant deadline = Instant.now().plus(WAIT);
    String status = "QUEUED";
    while (status.equals("QUEUED") && Instant.now().isBefore(deadline)) {
      Thread.sleep(50);
      status = JsonPath.read(mvc.perform(get("/api/v1/jobs/" + jobId).header(TestKeys.HEADER, TestKeys.OPERATOR))
          .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8), "$.status");
    }
    assertThat(status).as("the job left the queue").isNotEqualTo("QUEUED");
  }
}
