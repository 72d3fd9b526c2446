package dev.dbplane.support;

import com.sun.net.httpserver.HttpServer;
import dev.dbplane.digitalocean.DigitalOceanApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A DigitalOcean API on loopback that answers each path as it was told to, and anywhere else as
 * DigitalOcean does where it has nothing (404), and records each path it was asked for: how a kind's
 * program finds an interrupted create.
 */
public final class FakeDigitalOceanApi implements AutoCloseable {

  private static final Answer NOT_FOUND =
      new Answer(404, "{\"id\":\"not_found\",\"message\":\"The resource you were accessing could not be found.\"}");

  private record Answer(int status, String body) {}

  private final HttpServer server;
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  private final List<String> asked = new CopyOnWriteArrayList<>();

  private FakeDigitalOceanApi() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      asked.add(path);
      Answer answer = answers.getOrDefault(path, NOT_FOUND);
      byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(answer.status(), body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
  }

  /** An API that has something at exactly these paths ({@code 200 {}}), such as {@code /v2/databases/<id>/dbs/app}. */
  public static FakeDigitalOceanApi having(String... paths) {
    FakeDigitalOceanApi api;
    try {
      api = new FakeDigitalOceanApi();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (String path : paths) {
      api.answer(path, 200, "{}");
    }
    return api;
  }

  /** From now on, answers {@code path} with this status and JSON body. */
  public void answer(String path, int status, String body) {
    answers.put(path, new Answer(status, body));
  }

  /** A client of this API. */
  public DigitalOceanApi api() {
    return new DigitalOceanApi("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The paths asked for, in order. */
  public List<String> asked() {
    return List.copyOf(asked);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
