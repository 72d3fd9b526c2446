package dev.dbplane.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** The service's REST API over real HTTP, as a portal would call it. */
public final class ApiClient implements JobPolling {

  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;

  public ApiClient(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  public HttpResponse<String> send(String key, String method, String path, @Nullable String contentType, @Nullable String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).header(TestKeys.HEADER, key);
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** As the tests' admin. */
  public HttpResponse<String> send(String method, String path, @Nullable String contentType, @Nullable String body)
      throws IOException, InterruptedException {
    return send(TestKeys.ADMIN, method, path, contentType, body);
  }

  /** A change of a resource as the tests' admin, conditional on its ETag. */
  public HttpResponse<String> sendWithIfMatch(String method, String path, String json, String etag) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
        .header(TestKeys.HEADER, TestKeys.ADMIN).header("If-Match", etag).header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(json)).build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return send("GET", path, null, null);
  }

  @Override
  public String read(String path) throws IOException, InterruptedException {
    return get(path).body();
  }

  /** A read over HTTP is a request to another process or port: a few a second are enough. */
  @Override
  public Duration pollInterval() {
    return Duration.ofMillis(200);
  }
}
