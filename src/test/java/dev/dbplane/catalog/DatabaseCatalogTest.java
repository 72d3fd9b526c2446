package dev.dbplane.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.dbplane.digitalocean.DigitalOceanApi;
import dev.dbplane.engine.Secret;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class DatabaseCatalogTest {

  private static final Secret TOKEN = Secret.of("dop_v1_" + "c".repeat(64));
  private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
  /** A caller's own token, whose account DigitalOcean offers pg in ams3 too. */
  private static final Secret CALLER = Secret.of("dop_v1_" + "d".repeat(64));
  private static final String OPTIONS =
      "{\"options\": {\"pg\": {\"regions\": [\"nyc3\"], \"versions\": [\"17\"], \"layouts\": [{\"num_nodes\": 1, \"sizes\": [\"db-s-1vcpu-1gb\"]}]}}}";
  private static final String CALLER_OPTIONS = OPTIONS.replace("[\"nyc3\"]", "[\"nyc3\", \"ams3\"]");

  /** What DigitalOcean answers next: 200 with the options, or this status with its error body. */
  private final AtomicInteger status = new AtomicInteger(200);
  /** How many times DigitalOcean was asked with the caller's token. */
  private final AtomicInteger callerAsked = new AtomicInteger();
  private HttpServer server;
  private DatabaseCatalog catalog;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v2/databases/options", exchange -> {
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      boolean caller = ("Bearer " + CALLER.reveal()).equals(authorization);
      if (caller) {
        callerAsked.incrementAndGet();
      }
      boolean ok = status.get() == 200 && (caller || ("Bearer " + TOKEN.reveal()).equals(authorization));
      String answer = caller ? CALLER_OPTIONS : OPTIONS;
      byte[] body = (ok ? answer : "{\"id\":\"unauthorized\",\"message\":\"Unable to authenticate you\"}").getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(ok ? 200 : status.get() == 200 ? 401 : status.get(), body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    DigitalOceanApi api = new DigitalOceanApi("http://127.0.0.1:" + server.getAddress().getPort());
    catalog = new DatabaseCatalog(Optional.of(api::databaseOptions), Optional.of(TOKEN), Duration.ofMinutes(10), Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void servesTheSnapshotUntilDigitalOceanAnswers() {
    assertThat(catalog.current().source()).isEqualTo(Catalog.Source.SNAPSHOT);
    assertThat(catalog.current().fetchedAt()).isNull();
    assertThat(catalog.current().options()).isEqualTo(DatabaseOptions.snapshot());
  }

  @Test
  void servesDigitalOceansAnswerOnceRefreshedAndSaysWhenItCame() {
    catalog.refresh();

    assertThat(catalog.current().source()).isEqualTo(Catalog.Source.DIGITALOCEAN);
    assertThat(catalog.current().fetchedAt()).isEqualTo(NOW);
    assertThat(catalog.current().options().engine("pg").orElseThrow().regions()).containsExactly("nyc3");
  }

  @Test
  void aFailedRefreshKeepsTheLastGoodAnswerAndLogsWhyWithoutTheToken(CapturedOutput output) {
    catalog.refresh();
    Catalog good = catalog.current();
    status.set(401);

    catalog.refresh();

    assertThat(catalog.current()).isSameAs(good);
    assertThat(output).contains("the catalog was not refreshed from DigitalOcean, it serves its digitalocean still: "
        + "DigitalOcean answered 401: Unable to authenticate you").doesNotContain(TOKEN.reveal());
  }

  @Test
  void whenDigitalOceanCannotBeReachedTheSnapshotIsServedStill(CapturedOutput output) {
    server.stop(0);

    catalog.refresh();

    assertThat(catalog.current().source()).isEqualTo(Catalog.Source.SNAPSHOT);
    assertThat(output).contains("it serves its snapshot still: DigitalOcean's API at").doesNotContain(TOKEN.reveal());
  }

  @Test
  void aCallersTokenIsAnsweredWhatDigitalOceanOffersItsAccountAskedOnceAndKept() {
    Catalog first = catalog.with(CALLER);
    Catalog again = catalog.with(CALLER);

    assertThat(first.source()).isEqualTo(Catalog.Source.DIGITALOCEAN);
    assertThat(first.askedWith()).isEqualTo(Catalog.Token.CALLER);
    assertThat(first.fetchedAt()).isEqualTo(NOW);
    assertThat(first.options().engine("pg").orElseThrow().regions()).containsExactly("nyc3", "ams3");
    assertThat(again).isSameAs(first);
    assertThat(callerAsked).hasValue(1);
    assertThat(catalog.current().source()).as("the server's catalog is not the caller's").isEqualTo(Catalog.Source.SNAPSHOT);
  }

  @Test
  void theServersTokenIsAnsweredFromTheServersCatalog() {
    catalog.refresh();

    assertThat(catalog.with(Secret.of(TOKEN.reveal()))).isSameAs(catalog.current());
    assertThat(catalog.current().askedWith()).isEqualTo(Catalog.Token.SERVER);
  }

  @Test
  void aTokenDigitalOceanRefusesIsSaidInItsWordsWithoutTheToken() {
    Secret refused = Secret.of("dop_v1_" + "e".repeat(64));

    assertThatThrownBy(() -> catalog.with(refused))
        .isInstanceOf(TokenRefusedException.class)
        .hasMessage("DigitalOcean answered 401: Unable to authenticate you")
        .hasMessageNotContaining(refused.reveal());
  }

  @Test
  void whenDigitalOceanCannotBeReachedACallerIsJudgedByTheServersCatalog(CapturedOutput output) {
    server.stop(0);

    assertThat(catalog.with(CALLER)).isSameAs(catalog.current());
    assertThat(output).contains("DigitalOcean did not answer a caller's token with its options, it is judged by the snapshot catalog")
        .doesNotContain(CALLER.reveal());
  }

  @Test
  void aCatalogWithoutATokenNeverAsks() {
    DatabaseCatalog snapshot = DatabaseCatalog.snapshot();

    snapshot.refresh();

    assertThat(snapshot.asksDigitalOcean()).isFalse();
    assertThat(snapshot.current().source()).isEqualTo(Catalog.Source.SNAPSHOT);
    assertThat(snapshot.with(CALLER)).isSameAs(snapshot.current());
  }
}
