package dev.dbplane.support;

import com.sun.net.httpserver.HttpServer;
import dev.dbplane.digitalocean.DigitalOceanApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A DigitalOcean API on loopback that has something at the given paths ({@code 200 {}}) and nothing
 * anywhere else (DigitalOcean's 404), and records each path it was asked for: how a kind's program
 * finds an interrupted create.
 */
public final class FakeDigitalOceanApi implements AutoCloseable {

  private final HttpServer server;
  private final List<String> asked = new CopyOnWriteArrayList<>();

  private FakeDigitalOceanApi(Set<String> paths) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      asked.add(path);
      boolean found = paths.contains(path);
      byte[] body = (found ? "{}" : "{\"id\":\"not_found\",\"message\":\"The resource you were accessing could not be found.\"}")
          .getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(found ? 200 : 404, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
  }

  /** An API that has something at exactly these paths, such as {@code /v2/databases/<id>/dbs/app}. */
  public static FakeDigitalOceanApi having(String... paths) {
    try {
      return new FakeDigitalOceanApi(Set.of(paths));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
