package dev.dbplane;

import static dev.dbplane.support.MvcApi.body;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.jayway.jsonpath.JsonPath;
import dev.dbplane.support.EngineForTests;
import dev.dbplane.support.JobPolling;
import dev.dbplane.support.MvcApi;
import dev.dbplane.support.TestKeys;
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

  @Autowired MockMvc mvc;

  @Test
  void aSubmittedJobStartsWhenItsTransactionCommitsWithoutWaitingForAPoll() throws Exception {
    // The scheduler's first poll at start-up has passed once the context is up; wait past it.
    Thread.sleep(1000);
    String name = "queue-" + UUID.randomUUID().toString().substring(0, 8);
    MvcApi api = new MvcApi(mvc, TestKeys.OPERATOR);
    String created = body(api.send(post("/api/v1/database-clusters"), ServiceContract.stackInput(name, 2, 0)));
    // Out of the queue, whatever it came to, well before the next poll.
    api.await(JsonPath.read(created, "$.job.id"), "RUNNING|CANCELLING|" + JobPolling.ENDED);
  }
}
