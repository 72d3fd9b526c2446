package dev.dbplane;

import static dev.dbplane.support.MvcApi.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.jayway.jsonpath.JsonPath;
import com.sun.net.httpserver.HttpServer;
import dev.dbplane.support.EngineForTests;
import dev.dbplane.support.MvcApi;
import dev.dbplane.support.TestKeys;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * A portal's callback gets every state change of the cluster's jobs, signed with its secret, and a
 * failed delivery is retried until it goes through; the deliveries are recorded.
 */
@SpringBootTest(properties = {"dbplane.engine=scripted", "dbplane.jobs.polling-interval=200ms",
    "dbplane.webhooks.allow-loopback=true", "dbplane.webhooks.retry-base=1s",
    "spring.datasource.url=jdbc:h2:mem:webhooks;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1"})
@AutoConfigureMockMvc
@Import(EngineForTests.class)
class WebhookTests {

  record Received(String signature, String type, String body) {}

  @Autowired MockMvc mvc;
  @Autowired JdbcClient jdbc;
  @Autowired @Qualifier("sealPlainCallbackUrls") ApplicationRunner sealPlainCallbackUrls;
  private final MvcApi api = new MvcApi(() -> mvc, TestKeys.OPERATOR);

  @Test
  void everyJobStateChangeReachesTheCallbackSignedAndAFailedDeliveryIsRetried() throws Exception {
    List<Received> received = new CopyOnWriteArrayList<>();
    AtomicInteger calls = new AtomicInteger();
    HttpServer portal = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    portal.createContext("/hooks", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      // The portal is down for the first call.
      int status = calls.incrementAndGet() == 1 ? 500 : 204;
      if (status == 204) {
        received.add(new Received(exchange.getRequestHeaders().getFirst("Dbplane-Signature"),
            exchange.getRequestHeaders().getFirst("Dbplane-Event-Type"), body));
      }
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    portal.start();
    try {
      String name = "hooked-" + UUID.randomUUID().toString().substring(0, 8);
      MvcResult created = api.send(post("/api/v1/database-clusters").contentType("application/json").content(ServiceContract.stackInput(name, 2, 0)));
      String clusterId = JsonPath.read(body(created), "$.clusterId");
      api.await(JsonPath.read(body(created), "$.job.id"), "SUCCEEDED");

      MvcResult registered = api.send(post("/api/v1/database-clusters/" + clusterId + "/webhooks").contentType("application/json")
          .content("{\"url\": \"http://127.0.0.1:" + portal.getAddress().getPort() + "/hooks\"}"));
      assertThat(registered.getResponse().getStatus()).isEqualTo(201);
      String secret = JsonPath.read(body(registered), "$.secret");
      String webhookId = JsonPath.read(body(registered), "$.id");
      assertThat(body(api.send(get("/api/v1/database-clusters/" + clusterId + "/webhooks")))).contains(webhookId).doesNotContain(secret);

      String refreshJob = JsonPath.read(body(api.send(post("/api/v1/database-clusters/" + clusterId + ":refresh"))), "$.job.id");
      api.await(refreshJob, "SUCCEEDED");
      awaitSize(received, 3);
      assertThat(received).extracting(Received::type).containsExactlyInAnyOrder("job.queued", "job.running", "job.succeeded");
      for (Received event : received) {
        String t = event.signature().substring(2, event.signature().indexOf(','));
        String v1 = event.signature().substring(event.signature().indexOf("v1=") + 3);
        assertThat(v1).isEqualTo(hmac(secret, t + "." + event.body()));
        assertThat(JsonPath.<String>read(event.body(), "$.job.id")).isEqualTo(refreshJob);
        assertThat(event.body()).doesNotContain(ServiceContract.TOKEN);
      }
      String deliveries = body(api.send(get("/api/v1/database-clusters/" + clusterId + "/webhooks/" + webhookId + "/deliveries")));
      assertThat(JsonPath.<List<String>>read(deliveries, "$[*].status")).containsOnly("DELIVERED").hasSize(3);
      assertThat(JsonPath.<List<Integer>>read(deliveries, "$[*].attempts")).contains(2);
    } finally {
      portal.stop(0);
    }
  }

  @Test
  void aCallbackToAMetadataServiceIsRefused() throws Exception {
    String name = "unhooked-" + UUID.randomUUID().toString().substring(0, 8);
    String clusterId = JsonPath.read(body(api.send(post("/api/v1/database-clusters").contentType("application/json")
        .content(ServiceContract.stackInput(name, 2, 0)))), "$.clusterId");
    MvcResult refused = api.send(post("/api/v1/database-clusters/" + clusterId + "/webhooks").contentType("application/json")
        .content("{\"url\": \"http://169.254.169.254/latest/meta-data/\"}"));
    assertThat(refused.getResponse().getStatus()).isEqualTo(422);
    assertThat(body(refused)).contains("link-local");
  }

  @Test
  void aCallbacksQueryIsNeitherShownNorAuditedButIsKeptSealedForDelivery() throws Exception {
    String token = "portal-token-" + UUID.randomUUID();
    List<String> received = new CopyOnWriteArrayList<>();
    HttpServer portal = receiver(received);
    try {
      String clusterId = clusterWithSucceededJob("queried");
      String url = "http://127.0.0.1:" + portal.getAddress().getPort() + "/hooks?token=" + token;
      MvcResult registered = api.send(post("/api/v1/database-clusters/" + clusterId + "/webhooks").contentType("application/json")
          .content("{\"url\": \"" + url + "\"}"));
      assertThat(registered.getResponse().getStatus()).isEqualTo(201);
      String webhookId = JsonPath.read(body(registered), "$.id");
      assertThat(JsonPath.<String>read(body(registered), "$.url")).isEqualTo("http://127.0.0.1:" + portal.getAddress().getPort() + "/hooks");
      assertThat(body(mvc.perform(get("/api/v1/database-clusters/" + clusterId + "/webhooks").header(TestKeys.HEADER, TestKeys.VIEWER)).andReturn()))
          .contains(webhookId).doesNotContain(token);
      assertThat(body(mvc.perform(get("/api/v1/admin/audit-events?clusterId=" + clusterId).header(TestKeys.HEADER, TestKeys.ADMIN)).andReturn()))
          .contains(webhookId).doesNotContain(token);
      Map<String, Object> row = jdbc.sql("select url, url_ciphertext from webhooks where id = ?").param(webhookId).query().singleRow();
      assertThat((String) row.get("url")).doesNotContain(token);
      assertThat(new String((byte[]) row.get("url_ciphertext"), StandardCharsets.ISO_8859_1)).doesNotContain(token);

      api.send(post("/api/v1/database-clusters/" + clusterId + ":refresh"));
      awaitSize(received, 1);
      assertThat(received).allMatch(uri -> uri.equals("/hooks?token=" + token));
    } finally {
      portal.stop(0);
    }
  }

  @Test
  void aCallbackRegisteredBeforeUrlsWereSealedIsSealedAtStartUp() throws Exception {
    String clusterId = clusterWithSucceededJob("legacy");
    String webhookId = storedAsBeforeUrlsWereSealed(clusterId, "http://10.0.0.1:8080/hooks?token=legacy-secret");
    sealPlainCallbackUrls.run(null);
    assertThat(body(api.send(get("/api/v1/database-clusters/" + clusterId + "/webhooks"))))
        .contains("http://10.0.0.1:8080/hooks").doesNotContain("legacy-secret");
    assertThat(jdbc.sql("select url_ciphertext from webhooks where id = ?").param(webhookId).query().singleValue()).isNotNull();
  }

  @Test
  void aDeliveryToARefusedAddressRecordsOnlyThatItWasRefused() throws Exception {
    String clusterId = clusterWithSucceededJob("refused");
    // Only an older version could have stored this URL; every delivery is judged again regardless.
    String webhookId = storedAsBeforeUrlsWereSealed(clusterId, "http://169.254.169.254/latest/meta-data/");
    sealPlainCallbackUrls.run(null);
    api.send(post("/api/v1/database-clusters/" + clusterId + ":refresh"));
    String path = "/api/v1/database-clusters/" + clusterId + "/webhooks/" + webhookId + "/deliveries";
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (JsonPath.<List<Integer>>read(body(api.send(get(path))), "$[?(@.attempts > 0)].attempts").isEmpty() && Instant.now().isBefore(deadline)) {
      Thread.sleep(100);
    }
    String deliveries = body(api.send(get(path)));
    assertThat(JsonPath.<List<String>>read(deliveries, "$[?(@.attempts > 0)].lastError")).isNotEmpty()
        .containsOnly("refused: the callback's host has no public internet address to call");
    assertThat(JsonPath.<List<Object>>read(deliveries, "$[?(@.attempts > 0)].lastStatusCode")).containsOnlyNulls();
  }

  /** A callback as an older version stored it: its whole URL in the clear, never judged by today's rules. */
  private String storedAsBeforeUrlsWereSealed(String clusterId, String url) throws Exception {
    String webhookId = JsonPath.read(body(api.send(post("/api/v1/database-clusters/" + clusterId + "/webhooks").contentType("application/json")
        .content("{\"url\": \"http://127.0.0.1:9/hooks\"}"))), "$.id");
    jdbc.sql("update webhooks set url = ?, url_ciphertext = null where id = ?").params(url, webhookId).update();
    return webhookId;
  }

  private String clusterWithSucceededJob(String prefix) throws Exception {
    String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    MvcResult created = api.send(post("/api/v1/database-clusters").contentType("application/json").content(ServiceContract.stackInput(name, 2, 0)));
    api.await(JsonPath.read(body(created), "$.job.id"), "SUCCEEDED");
    return JsonPath.read(body(created), "$.clusterId");
  }

  private static HttpServer receiver(List<String> received) throws Exception {
    HttpServer portal = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    portal.createContext("/hooks", exchange -> {
      received.add(exchange.getRequestURI().toString());
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    portal.start();
    return portal;
  }

  private static void awaitSize(List<?> list, int size) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (list.size() < size && Instant.now().isBefore(deadline)) {
      Thread.sleep(100);
    }
    assertThat(list).hasSizeGreaterThanOrEqualTo(size);
  }

  private static String hmac(String secret, String message) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
  }
}
