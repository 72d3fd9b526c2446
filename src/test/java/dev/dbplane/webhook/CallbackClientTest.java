package dev.dbplane.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Deliveries connect only to the address the callback check judged, whatever DNS says afterwards. */
class CallbackClientTest {

  private final List<String> received = new CopyOnWriteArrayList<>();
  private HttpServer receiver;
  private int port;

  @BeforeEach
  void startReceiver() throws Exception {
    receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext("/hooks", exchange -> {
      received.add(exchange.getRequestHeaders().getFirst("Host") + " " + exchange.getRequestURI());
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    receiver.createContext("/moved", exchange -> {
      received.add("moved");
      exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + port + "/hooks");
      exchange.sendResponseHeaders(307, -1);
      exchange.close();
    });
    receiver.createContext("/endless", exchange -> {
      exchange.sendResponseHeaders(200, 0);
      OutputStream body = exchange.getResponseBody();
      try {
        for (int i = 0; i < 600; i++) {
          body.write(new byte[1024]);
          body.flush();
          Thread.sleep(100);
        }
      } catch (Exception e) {
        // the client hung up, as it should
      }
      exchange.close();
    });
    receiver.start();
    port = receiver.getAddress().getPort();
  }

  @AfterEach
  void stopReceiver() {
    receiver.stop(0);
  }

  @Test
  void theConnectionGoesToTheJudgedAddressWithTheUrlsHostAndQuery() throws Exception {
    // portal.example.com is in no real DNS: only the check's own answer can have brought the request here.
    CallbackUrls urls = new CallbackUrls(true, name -> new InetAddress[] {InetAddress.getLoopbackAddress()}, Set::of);
    try (CallbackClient client = new CallbackClient(urls)) {
      int status = client.post(urls.check("http://portal.example.com:" + port + "/hooks?token=s3cret"), Map.of(), "{}");
      assertThat(status).isEqualTo(204);
    }
    assertThat(received).containsExactly("portal.example.com:" + port + " /hooks?token=s3cret");
  }

  @Test
  void aNameThatResolvesElsewhereAfterItsCheckIsRefusedWithoutConnecting() throws Exception {
    AtomicInteger lookups = new AtomicInteger();
    // Rebinding: public when the callback is registered, this machine when it is delivered to.
    CallbackUrls urls = new CallbackUrls(false, name -> new InetAddress[] {lookups.getAndIncrement() == 0
        ? InetAddress.getByName("93.184.215.15") : InetAddress.getLoopbackAddress()}, Set::of);
    CallbackUrl registered = urls.check("http://rebinding.example.com:" + port + "/hooks");
    try (CallbackClient client = new CallbackClient(urls)) {
      assertThatThrownBy(() -> client.post(registered, Map.of(), "{}")).isInstanceOf(CallbackClient.RefusedException.class);
    }
    assertThat(lookups).hasValue(2);
    assertThat(received).isEmpty();
  }

  @Test
  void anObscureFormOfLoopbackIsCalledAsTheAddressItIs() throws Exception {
    CallbackUrls urls = new CallbackUrls(true, name -> {
      throw new AssertionError("no DNS lookup for an address: " + name);
    }, Set::of);
    try (CallbackClient client = new CallbackClient(urls)) {
      assertThat(client.post(urls.check("http://0x7f.1:" + port + "/hooks"), Map.of(), "{}")).isEqualTo(204);
    }
    assertThat(received).containsExactly("127.0.0.1:" + port + " /hooks");
  }

  @Test
  void redirectsAreNotFollowed() throws Exception {
    CallbackUrls urls = new CallbackUrls(true);
    try (CallbackClient client = new CallbackClient(urls)) {
      assertThat(client.post(urls.check("http://127.0.0.1:" + port + "/moved"), Map.of(), "{}")).isEqualTo(307);
    }
    assertThat(received).containsExactly("moved");
  }

  @Test
  void aBodyThatNeverEndsIsNotWaitedFor() throws Exception {
    CallbackUrls urls = new CallbackUrls(true);
    Instant start = Instant.now();
    try (CallbackClient client = new CallbackClient(urls)) {
      assertThat(client.post(urls.check("http://127.0.0.1:" + port + "/endless"), Map.of(), "{}")).isEqualTo(200);
    }
    assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(10));
  }
}
