package dev.dbplane.api;

import static dev.dbplane.support.MvcApi.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.jayway.jsonpath.JsonPath;
import com.sun.net.httpserver.HttpServer;
import dev.dbplane.support.EngineForTests;
import dev.dbplane.support.Manifests;
import dev.dbplane.support.MvcApi;
import dev.dbplane.support.TestDatabases;
import dev.dbplane.support.TestKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.project_planton.provider.digitalocean.DigitalOceanRegion;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * A caller with a DigitalOcean token of its own is answered, and judged by, what DigitalOcean offers
 * that token, on a server with no token of its own (which serves the snapshot). The account behind
 * the caller's token is offered PostgreSQL 17 in ams3 only; the snapshot offers it in nyc3 too.
 */
@SpringBootTest(properties = "dbplane.engine=scripted")
@AutoConfigureMockMvc
@Import(EngineForTests.class)
@ExtendWith(OutputCaptureExtension.class)
class CallerCatalogTests {

  private static final String CALLER = "dop_v1_" + "f".repeat(64);
  private static final String OPTIONS = "{\"options\": {\"pg\": {\"regions\": [\"ams3\"], \"versions\": [\"17\"], "
      + "\"layouts\": [{\"num_nodes\": 1, \"sizes\": [\"db-s-1vcpu-1gb\"]}, {\"num_nodes\": 2, \"sizes\": [\"db-s-2vcpu-4gb\"]}]}}}";
  private static final AtomicInteger ASKED = new AtomicInteger();
  private static final HttpServer DIGITALOCEAN = digitalocean();

  @Autowired MockMvc mvc;

  @DynamicPropertySource
  static void h2AndDigitalOcean(DynamicPropertyRegistry registry) {
    TestDatabases.h2(registry);
    registry.add("dbplane.pulumi.digitalocean-api-endpoint", () -> "http://127.0.0.1:" + DIGITALOCEAN.getAddress().getPort());
  }

  @AfterAll
  static void stop() {
    DIGITALOCEAN.stop(0);
  }

  @Test
  void aCallersTokenIsAnsweredWhatDigitalOceanOffersItsAccount() throws Exception {
    MvcApi viewer = new MvcApi(() -> mvc, TestKeys.VIEWER);
    String servers = body(viewer.send(get("/api/v1/catalog")));
    String callers = body(viewer.send(get("/api/v1/catalog").header(CatalogController.TOKEN_HEADER, CALLER)));

    assertThat(JsonPath.<String>read(servers, "$.source")).isEqualTo("snapshot");
    assertThat(servers).doesNotContain("\"token\"");
    assertThat(JsonPath.<String>read(callers, "$.source")).isEqualTo("digitalocean");
    assertThat(JsonPath.<String>read(callers, "$.token")).isEqualTo("caller");
    assertThat(JsonPath.<List<String>>read(callers, "$.engines[*].engine")).containsExactly("pg");
    assertThat(JsonPath.<List<String>>read(callers, "$.engines[0].regions")).containsExactly("ams3");
    assertThat(callers).doesNotContain(CALLER);
  }

  @Test
  void aTokenDigitalOceanRefusesIsAProblemNamingTheHeader(CapturedOutput output) throws Exception {
    String refused = "dop_v1_" + "0".repeat(64);
    MvcResult answer = new MvcApi(() -> mvc, TestKeys.VIEWER).send(get("/api/v1/catalog").header(CatalogController.TOKEN_HEADER, refused));

    assertThat(answer.getResponse().getStatus()).as(body(answer)).isEqualTo(400);
    assertThat(answer.getResponse().getContentType()).isEqualTo("application/problem+json");
    assertThat(body(answer)).contains(CatalogController.TOKEN_HEADER, "refused by DigitalOcean", "401: Unable to authenticate you")
        .doesNotContain(refused);
    assertThat(output).as("the log").doesNotContain(refused).doesNotContain(CALLER);
  }

  @Test
  void aStackInputIsJudgedByWhatItsOwnTokenIsOfferedAndAskedOnce() throws Exception {
    MvcApi operator = new MvcApi(() -> mvc, TestKeys.OPERATOR);
    String inNyc3 = Manifests.json(Manifests.stackInput(Manifests.withSpec(s -> s.setEngineVersion("17").setNodeCount(2)), CALLER));
    String inAms3 = Manifests.json(Manifests.stackInput(
        Manifests.withSpec(s -> s.setEngineVersion("17").setNodeCount(2).setRegion(DigitalOceanRegion.ams3)), CALLER));
    int askedBefore = ASKED.get();

    String refused = body(operator.send(post("/api/v1/database-clusters:validate"), inNyc3));
    String valid = body(operator.send(post("/api/v1/database-clusters:validate"), inAms3));
    String bare = body(operator.send(post("/api/v1/database-clusters:validate"),
        Manifests.json(Manifests.withSpec(s -> s.setEngineVersion("17").setNodeCount(2)))));

    assertThat(JsonPath.<Boolean>read(refused, "$.valid")).as(refused).isFalse();
    assertThat(JsonPath.<List<String>>read(refused, "$.violations[*].rule")).containsExactly("dbplane.catalog.region_not_offered");
    assertThat(JsonPath.<List<String>>read(refused, "$.violations[*].message"))
        .containsExactly("DigitalOcean does not offer postgres in nyc3; it does in ams3");
    assertThat(JsonPath.<Boolean>read(valid, "$.valid")).as(valid).isTrue();
    assertThat(JsonPath.<Boolean>read(bare, "$.valid")).as("the snapshot offers nyc3: " + bare).isTrue();
    assertThat(ASKED.get() - askedBefore).as("asked once, then kept").isLessThanOrEqualTo(1);
  }

  @Test
  void aStackInputWhoseTokenDigitalOceanRefusesIsWarnedAndJudgedByTheServersCatalog() throws Exception {
    String refusedToken = "dop_v1_" + "1".repeat(64);
    String report = body(new MvcApi(() -> mvc, TestKeys.OPERATOR).send(post("/api/v1/database-clusters:validate"),
        Manifests.json(Manifests.stackInput(Manifests.withSpec(s -> s.setEngineVersion("17").setNodeCount(2)), refusedToken))));

    assertThat(JsonPath.<Boolean>read(report, "$.valid")).as(report).isTrue();
    assertThat(JsonPath.<List<String>>read(report, "$.warnings[*].code")).contains("dbplane.catalog.token_refused");
    assertThat(JsonPath.<List<String>>read(report, "$.warnings[?(@.code == 'dbplane.catalog.token_refused')].field"))
        .containsExactly("providerConfig.apiToken");
    assertThat(report).doesNotContain(refusedToken);
  }

  /** DigitalOcean's options endpoint: the caller's token is answered its account's options, any other is refused. */
  private static HttpServer digitalocean() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext("/v2/databases/options", exchange -> {
        boolean caller = ("Bearer " + CALLER).equals(exchange.getRequestHeaders().getFirst("Authorization"));
        if (caller) {
          ASKED.incrementAndGet();
        }
        byte[] body = (caller ? OPTIONS : "{\"id\":\"unauthorized\",\"message\":\"Unable to authenticate you\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(caller ? 200 : 401, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
      });
      server.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
