package dev.dbplane;

import static dev.dbplane.support.MvcApi.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.jayway.jsonpath.JsonPath;
import dev.dbplane.engine.EngineFailure;
import dev.dbplane.support.EngineForTests;
import dev.dbplane.support.MvcApi;
import dev.dbplane.support.ScriptedStackEngine;
import dev.dbplane.support.TestKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A job's events are capped: a chatty engine's progress past {@code dbplane.jobs.max-events} is
 * counted, not stored, but the job's own events and the run's last steps are kept, and paging
 * through everything stays a few requests. One contract, run on each database by a thin subclass.
 */
@SpringBootTest(properties = {"dbplane.engine=scripted", "dbplane.jobs.polling-interval=200ms", "dbplane.jobs.max-events=" + JobEventCapContract.CAP})
@AutoConfigureMockMvc
@Import(EngineForTests.class)
abstract class JobEventCapContract {

  static final int CAP = 100;
  private static final int TAIL = 20;

  @Autowired MockMvc mvc;
  @Autowired ScriptedStackEngine engine;
  private final MvcApi api = new MvcApi(() -> mvc, TestKeys.OPERATOR);

  @Test
  void aChattyRunIsStoppedAtTheCapButItsLastStepsAndItsErrorAreKeptAndCounted() throws Exception {
    String name = "chatty-" + UUID.randomUUID().toString().substring(0, 8);
    engine.script(name, new ScriptedStackEngine.Chatty(3_000,
        new ScriptedStackEngine.Fail(EngineFailure.PROVIDER_ERROR, "the size db-s-2vcpu-4gb is not offered in nyc3")));
    String jobId = submitCreate(name);
    api.await(jobId, "FAILED");

    Instant started = Instant.now();
    List<Map<String, Object>> events = allEvents(jobId, 25);
    Duration paging = Duration.between(started, Instant.now());

    assertThat(events.size()).as("stored events").isBetween(CAP, CAP + TAIL + 5);
    assertThat(events.stream().map(e -> (Integer) e.get("seq")).toList()).as("numbered without gaps")
        .isEqualTo(IntStream.rangeClosed(1, events.size()).boxed().toList());
    assertThat(paging).as("paging through every event").isLessThan(Duration.ofSeconds(5));
    List<String> types = events.stream().map(e -> (String) e.get("type")).toList();
    assertThat(types).containsSubsequence("started", "events-capped", "events-dropped", "failed");
    assertThat(types.stream().filter("events-capped"::equals)).hasSize(1);
    // The engine reports 3,002 events: 99 fill the cap after "started", the last 20 follow the count.
    assertThat(message(events, "events-dropped")).isEqualTo("2,883 events dropped past the cap of 100 events per job; the last 20 follow");
    List<String> last = events.subList(events.size() - TAIL - 1, events.size()).stream().map(e -> (String) e.get("message")).toList();
    assertThat(last.subList(0, TAIL)).isEqualTo(IntStream.rangeClosed(2_981, 3_000).mapToObj(i -> "step " + i + " of 3000").toList());
    assertThat(last.get(TAIL)).contains("PROVIDER_ERROR", "the size db-s-2vcpu-4gb is not offered in nyc3");
  }

  @Test
  void aRunUnderTheCapKeepsEveryEventAndSaysNothingOfACap() throws Exception {
    String name = "quiet-" + UUID.randomUUID().toString().substring(0, 8);
    engine.script(name, new ScriptedStackEngine.Chatty(CAP - 10, new ScriptedStackEngine.Succeed(Duration.ZERO)));
    String jobId = submitCreate(name);
    api.await(jobId, "SUCCEEDED");

    List<Map<String, Object>> events = allEvents(jobId, 100);
    List<String> types = events.stream().map(e -> (String) e.get("type")).toList();
    assertThat(types).doesNotContain("events-capped", "events-dropped").endsWith("succeeded");
    assertThat(types.stream().filter("diagnostic-info"::equals)).hasSize(CAP - 10);
  }

  private String submitCreate(String name) throws Exception {
    String created = body(api.send(post("/api/v1/database-clusters").contentType("application/json").content(ServiceContract.stackInput(name, 2, 0))));
    return JsonPath.read(created, "$.job.id");
  }

  private List<Map<String, Object>> allEvents(String jobId, int pageSize) throws Exception {
    List<Map<String, Object>> all = new ArrayList<>();
    while (true) {
      int after = all.isEmpty() ? 0 : (Integer) all.get(all.size() - 1).get("seq");
      List<Map<String, Object>> page = JsonPath.read(body(api.send(get("/api/v1/jobs/" + jobId + "/events?after=" + after + "&limit=" + pageSize))), "$");
      all.addAll(page);
      if (page.size() < pageSize) {
        return all;
      }
    }
  }

  private static String message(List<Map<String, Object>> events, String type) {
    return events.stream().filter(e -> type.equals(e.get("type"))).map(e -> (String) e.get("message")).findFirst().orElseThrow();
  }
}
