package dev.dbplane.digitalocean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.dbplane.engine.Secret;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DigitalOceanApiTest {

  private static final Secret TOKEN = Secret.of("dop_v1_" + "a".repeat(64));

  private final List<String> seen = new CopyOnWriteArrayList<>();
  private HttpServer server;
  private DigitalOceanApi api;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      String target = exchange.getRequestURI().toString();
      seen.add(exchange.getRequestHeaders().getFirst("Authorization") + " " + target);
      int status;
      String body;
      if (target.startsWith("/v2/databases?")) {
        boolean first = target.endsWith("page=1");
        status = 200;
        body = first
            ? "{\"databases\":[{\"id\":\"c-1\",\"name\":\"orders\"}],\"links\":{\"pages\":{\"next\":\"page=2\"}}}"
            : "{\"databases\":[{\"id\":\"c-2\",\"name\":\"billing\"}],\"links\":{}}";
      } else if (target.equals("/v2/databases/c-1/dbs/app")) {
        status = 200;
        body = "{\"db\":{\"name\":\"app\"}}";
      } else if (target.equals("/v2/databases/c-1/dbs/broken")) {
        status = 500;
        body = "{\"id\":\"server_error\",\"message\":\"try again later\"}";
      } else {
        status = 404;
        body = "{\"id\":\"not_found\",\"message\":\"The resource you were accessing could not be found.\"}";
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    server.start();
    api = new DigitalOceanApi("http://127.0.0.1:" + server.getAddress().getPort());
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void findsAClusterByNameAcrossPages() {
    assertThat(api.findClusterId(TOKEN, "billing")).contains("c-2");
    assertThat(api.findClusterId(TOKEN, "nowhere")).isEmpty();
    assertThat(seen).allMatch(line -> line.startsWith("Bearer " + TOKEN.reveal() + " "));
  }

  @Test
  void findsWhatIsAtAPathAndNothingWhereDigitalOceanHasNothing() {
    assertThat(api.find(TOKEN, "v2/databases/c-1/dbs/app")).hasValueSatisfying(answer ->
        assertThat(answer.getAsJsonObject("db").get("name").getAsString()).isEqualTo("app"));
    assertThat(api.find(TOKEN, "v2/databases/c-1/dbs/other")).isEmpty();
  }

  @Test
  void anyOtherRefusalIsAnErrorWithDigitalOceansWords() {
    assertThatThrownBy(() -> api.find(TOKEN, "v2/databases/c-1/dbs/broken"))
        .isInstanceOfSatisfying(DigitalOceanApiException.class, e -> assertThat(e.status()).isEqualTo(500))
        .hasMessage("DigitalOcean answered 500: try again later")
        .hasMessageNotContaining(TOKEN.reveal());
  }
}
