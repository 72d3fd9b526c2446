package dev.dbplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import dev.dbplane.support.ApiClient;
import dev.dbplane.support.EngineForTests;
import dev.dbplane.support.ScriptedStackEngine;
import dev.dbplane.support.TestKeys;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * The live event stream over a real server and a real HTTP client that reads it to its end: the
 * response must end cleanly (a stream cut short is an error for every client), and the server must
 * log no error for it, with the key sent as callers send it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"dbplane.engine=scripted", "dbplane.jobs.polling-interval=200ms"})
@Import(EngineForTests.class)
@ExtendWith(OutputCaptureExtension.class)
class EventStreamTests {

  @LocalServerPort int port;
  @Autowired ScriptedStackEngine engine;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aStreamFollowsARunningJobToItsEndAndEndsCleanly(CapturedOutput output) throws Exception {
    String name = "stream-" + UUID.randomUUID().toString().substring(0, 8);
    CountDownLatch release = new CountDownLatch(1);
    engine.script(name, new ScriptedStackEngine.Block(release));
    ApiClient api = new ApiClient(port);
    String jobId = JsonPath.read(api.send("POST", "/api/v1/database-clusters", "application/json", ServiceContract.stackInput(name, 2, 0)).body(), "$.job.id");
    api.await(jobId, "RUNNING", Duration.ofSeconds(20));

    // Read to its end: a response cut short fails the read, as it fails curl (exit 18).
    CompletableFuture<HttpResponse<String>> stream = http.sendAsync(streamRequest(jobId, null), HttpResponse.BodyHandlers.ofString());
    Thread.sleep(700);
    release.countDown();

    HttpResponse<String> read = stream.get(30, TimeUnit.SECONDS);
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
    assertThat(read.body().lines().toList()).contains("id:1").anySatisfy(line -> assertThat(line).startsWith("data:").contains("\"succeeded\""));
    assertNoErrorLogged(output);
  }

  @Test
  void aStreamResumesAfterTheLastEventIdItWasGiven(CapturedOutput output) throws Exception {
    String name = "resume-" + UUID.randomUUID().toString().substring(0, 8);
    ApiClient api = new ApiClient(port);
    String jobId = JsonPath.read(api.send("POST", "/api/v1/database-clusters", "application/json", ServiceContract.stackInput(name, 2, 0)).body(), "$.job.id");
    api.awaitEnd(jobId, Duration.ofSeconds(20));

    HttpResponse<String> read = http.send(streamRequest(jobId, "1"), HttpResponse.BodyHandlers.ofString());
    assertThat(read.body().lines().toList()).doesNotContain("id:1").contains("id:2");
    assertNoErrorLogged(output);
  }

  private HttpRequest streamRequest(String jobId, String lastEventId) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/jobs/" + jobId + "/events/stream"))
        .timeout(Duration.ofSeconds(30)).header(TestKeys.HEADER, TestKeys.VIEWER).header("Accept", "text/event-stream");
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    return request.build();
  }

  private static void assertNoErrorLogged(CapturedOutput output) throws InterruptedException {
    Thread.sleep(300);
    assertThat(output.getAll()).doesNotContain("AuthorizationDeniedException").doesNotContain("Access Denied")
        .doesNotContain("response is already committed");
  }
}
