package dev.dbplane.support;

import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** The service's REST API over real HTTP, as a portal would call it. */
public final class ApiClient {

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

  /** Polls the job until it has ended, and returns it. */
  public String awaitEnd(String jobId, Duration limit) throws IOException, InterruptedException {
    return await(jobId, "SUCCEEDED|FAILED|CANCELLED", limit);
  }

  /** Polls the job until its status matches {@code statuses} (a regular expression), and returns it. */
  public String await(String jobId, String statuses, Duration limit) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(limit);
    String job = "";
    while (Instant.now().isBefore(deadline)) {
      job = get("/api/v1/jobs/" + jobId).body();
      if (JsonPath.<String>read(job, "$.status").matches(statuses)) {
        return job;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("job " + jobId + " did not reach " + statuses + " within " + limit + ": " + job);
  }
}
