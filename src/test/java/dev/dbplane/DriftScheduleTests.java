package dev.dbplane;

import static dev.dbplane.support.MvcApi.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import com.jayway.jsonpath.JsonPath;
import com.sun.net.httpserver.HttpServer;
import dev.dbplane.support.EngineForTests;
import dev.dbplane.support.Manifests;
import dev.dbplane.support.MvcApi;
import dev.dbplane.support.ScriptedStackEngine;
import dev.dbplane.support.TestKeys;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * A cluster's drift schedule: kept, swept on the durable scheduler, each check a job that changes
 * nothing and marks a drifted cluster so, with a cluster.drift-detected notification.
 */
@SpringBootTest(properties = {"dbplane.engine=scripted", "dbplane.jobs.polling-interval=200ms",
    "dbplane.drift.sweep-interval=1s", "dbplane.drift.minimum-every=1s", "dbplane.webhooks.allow-loopback=true",
    "spring.datasource.url=jdbc:h2:mem:drift;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1"})
@AutoConfigureMockMvc
@Import(EngineForTests.class)
class DriftScheduleTests {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @Autowired MockMvc mvc;
  @Autowired ScriptedStackEngine engine;
  private final MvcApi api = new MvcApi(() -> mvc, TestKeys.OPERATOR);

  @Test
  void aScheduledCheckFindsDriftMarksTheClusterAndNotifiesItsPortal() throws Exception {
    List<String> received = new CopyOnWriteArrayList<>();
    HttpServer portal = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    portal.createContext("/hooks", exchange -> {
      received.add(exchange.getRequestHeaders().getFirst("Dbplane-Event-Type") + " "
          + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    portal.start();
    try {
      String name = Manifests.uniqueName("drifting");
      String clusterId = created(name);
      api.send(post("/api/v1/database-clusters/" + clusterId + "/webhooks").contentType("application/json")
          .content("{\"url\": \"http://127.0.0.1:" + portal.getAddress().getPort() + "/hooks\"}"));
      engine.drift(name);

      MvcResult scheduled = api.send(put(schedule(clusterId)).contentType("application/json").content("{\"every\": \"PT1S\"}"));
      assertThat(scheduled.getResponse().getStatus()).as(body(scheduled)).isEqualTo(200);
      assertThat(JsonPath.<String>read(body(scheduled), "$.every")).isEqualTo("PT1S");
      String check = api.awaitFirstJob(clusterId, "DRIFT_CHECK", WAIT);
      api.await(check, "SUCCEEDED");
      api.send(delete(schedule(clusterId)));

      String job = body(api.send(get("/api/v1/jobs/" + check)));
      assertThat(JsonPath.<String>read(job, "$.requestedBy")).isEqualTo("drift-schedule");
      assertThat(JsonPath.<Integer>read(job, "$.changes.update")).isEqualTo(1);
      assertThat(JsonPath.<String>read(body(api.send(get("/api/v1/database-clusters/" + clusterId))), "$.state")).isEqualTo("DRIFTED");
      awaitReceived(received, "cluster.drift-detected");
      String notice = received.stream().filter(r -> r.startsWith("cluster.drift-detected ")).findFirst().orElseThrow();
      assertThat(notice).contains("\"operation\":\"DRIFT_CHECK\"", "\"update\":1");
    } finally {
      portal.stop(0);
    }
  }

  @Test
  void aCheckThatFindsNothingLeavesTheClusterReadyAndTheScheduleIsReadAndRemoved() throws Exception {
    String clusterId = created(Manifests.uniqueName("steady"));
    api.send(put(schedule(clusterId)).contentType("application/json").content("{\"every\": \"PT1S\"}"));

    api.await(api.awaitFirstJob(clusterId, "DRIFT_CHECK", WAIT), "SUCCEEDED");

    assertThat(JsonPath.<String>read(body(api.send(get("/api/v1/database-clusters/" + clusterId))), "$.state")).isEqualTo("READY");
    String read = body(new MvcApi(() -> mvc, TestKeys.VIEWER).send(get(schedule(clusterId))));
    assertThat(JsonPath.<String>read(read, "$.every")).isEqualTo("PT1S");
    assertThat(JsonPath.<String>read(read, "$.updatedBy")).isNotBlank();
    assertThat(api.send(delete(schedule(clusterId))).getResponse().getStatus()).isEqualTo(204);
    MvcResult gone = api.send(get(schedule(clusterId)));
    assertThat(gone.getResponse().getStatus()).isEqualTo(404);
    assertThat(JsonPath.<String>read(body(gone), "$.type")).isEqualTo("urn:dbplane:problem:not-found");
  }

  @Test
  void aScheduleTooOftenOrUnreadableIsRefusedAtItsField() throws Exception {
    String clusterId = created(Manifests.uniqueName("badly"));

    for (String every : List.of("\"PT0.5S\"", "\"six hours\"", "null")) {
      MvcResult refused = api.send(put(schedule(clusterId)).contentType("application/json").content("{\"every\": " + every + "}"));
      assertThat(refused.getResponse().getStatus()).as(every).isEqualTo(400);
      assertThat(JsonPath.<String>read(body(refused), "$.type")).isEqualTo("urn:dbplane:problem:invalid-parameter");
      assertThat(body(refused)).contains("every");
    }
    assertThat(api.send(get(schedule(clusterId))).getResponse().getStatus()).isEqualTo(404);
  }

  private String created(String name) throws Exception {
    MvcResult created = api.send(post("/api/v1/database-clusters").contentType("application/json")
        .content(Manifests.json(Manifests.stackInput(Manifests.inProd(name, 2).build()))));
    api.await(JsonPath.read(body(created), "$.job.id"), "SUCCEEDED");
    return JsonPath.read(body(created), "$.clusterId");
  }

  private static String schedule(String clusterId) {
    return "/api/v1/database-clusters/" + clusterId + "/drift-schedule";
  }

  private static void awaitReceived(List<String> received, String type) throws InterruptedException {
    Instant deadline = Instant.now().plus(WAIT);
    while (received.stream().noneMatch(r -> r.startsWith(type + " ")) && Instant.now().isBefore(deadline)) {
      Thread.sleep(100);
    }
    assertThat(received).as("notifications received").anyMatch(r -> r.startsWith(type + " "));
  }
}
