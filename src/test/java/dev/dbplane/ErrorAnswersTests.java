package dev.dbplane;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import dev.dbplane.support.ApiClient;
import dev.dbplane.support.EngineForTests;
import dev.dbplane.support.TestKeys;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * Every error over a real HTTP connection is problem+json, also those the servlet container and the
 * security firewall give before any controller sees the request (MockMvc sees neither). Requests
 * that a well-behaved client cannot even send are written on a raw socket.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"dbplane.engine=scripted",
    "spring.datasource.url=jdbc:h2:mem:errors;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1"})
@Import(EngineForTests.class)
class ErrorAnswersTests {

  @LocalServerPort int port;

  /** What came back on the socket. */
  record RawResponse(int status, Map<String, String> headers, String body) {}

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      a double slash, refused by the firewall          | /api/v1//jobs
      a dot-dot segment, refused by the firewall       | /api/v1/jobs/../jobs
      a path parameter, refused by the firewall        | /api/v1/jobs;jsessionid=0123456789
      an encoded NUL, refused by Tomcat                | /api/v1/jobs%00
      an encoded slash, refused by Tomcat              | /api/v1/jobs%2Fx
      a backslash, refused by Tomcat                   | /api/v1\\jobs
      """)
  void aRefusedUrlIsABadRequestProblem(String why, String target) throws IOException {
    assertBadRequestProblem(raw("GET " + target + " HTTP/1.1\r\nHost: localhost\r\n" + key() + "Connection: close\r\n\r\n"));
  }

  @Test
  void controlCharactersInTheRequestLineAreABadRequestProblem() throws IOException {
    assertBadRequestProblem(raw("GET /api/v1/jobs\u0001 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
  }

  @Test
  void headersOverTheLimitAreAProblem() throws IOException {
    RawResponse response = raw("GET /api/v1/jobs HTTP/1.1\r\nHost: localhost\r\n" + key() + "X-Padding: " + "a".repeat(9 * 1024)
        + "\r\nConnection: close\r\n\r\n");
    assertThat(response.status()).as(response.body()).isIn(400, 431);
    assertProblem(response.status(), response.headers().get("content-type"), response.body());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      a trailing slash | /api/v1/jobs/
      an unknown path  | /api/v1/no-such-thing
      the error path   | /error
      """)
  void aPathThatIsNoResourceIsANotFoundProblem(String why, String path) throws Exception {
    HttpResponse<String> response = api().send(TestKeys.VIEWER, "GET", path, null, null);
    assertProblem(response, 404);
    assertThat(JsonPath.<String>read(response.body(), "$.type")).isEqualTo("urn:dbplane:problem:not-found");
  }

  @Test
  void aClientThatAsksForHtmlStillGetsAProblem() throws IOException {
    RawResponse response = raw("GET /api/v1/no-such-thing HTTP/1.1\r\nHost: localhost\r\n" + key() + "Accept: text/html\r\nConnection: close\r\n\r\n");
    assertThat(response.status()).as(response.body()).isEqualTo(404);
    assertProblem(404, response.headers().get("content-type"), response.body());
  }

  @Test
  void springsOwnErrorsGetATypeOfTheApi() throws Exception {
    HttpResponse<String> response = api().send(TestKeys.OPERATOR, "DELETE", "/api/v1/jobs", null, null);
    assertProblem(response, 405);
    assertThat(JsonPath.<String>read(response.body(), "$.type")).isEqualTo("urn:dbplane:problem:method-not-allowed");
  }

  @Test
  void anExplicitYamlTagIsRefusedOverHttp() throws Exception {
    String manifest = """
        apiVersion: digital-ocean.project-planton.org/v1
        kind: DigitalOceanDatabaseCluster
        metadata: {name: orders}
        spec: {clusterName: !!str orders}
        """;
    HttpResponse<String> response = api().send(TestKeys.VIEWER, "POST", "/api/v1/database-clusters:validate", "application/yaml", manifest);
    assertProblem(response, 400);
    assertThat(JsonPath.<String>read(response.body(), "$.detail")).contains("explicit YAML tags");
  }

  @Test
  void theSecurityChainsRefusalsAreProblems() throws Exception {
    assertProblem(api().send("dbp_nosuchkey_" + "x".repeat(43), "GET", "/api/v1/jobs", null, null), 401);
    assertProblem(api().send(TestKeys.VIEWER, "GET", "/api/v1/admin/api-keys", null, null), 403);
  }

  private static void assertBadRequestProblem(RawResponse response) {
    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertProblem(400, response.headers().get("content-type"), response.body());
  }

  private static void assertProblem(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertProblem(status, response.headers().firstValue("content-type").orElse(null), response.body());
  }

  private static void assertProblem(int status, String contentType, String body) {
    assertThat(contentType).as(body).startsWith("application/problem+json");
    assertThat(JsonPath.<String>read(body, "$.type")).startsWith("urn:dbplane:problem:");
    assertThat(JsonPath.<String>read(body, "$.title")).isNotBlank();
    assertThat(JsonPath.<Integer>read(body, "$.status")).isEqualTo(status);
    assertThat(JsonPath.<String>read(body, "$.detail")).isNotBlank();
    assertThat(body).doesNotContain("Exception").doesNotContain("<html").doesNotContain("at dev.dbplane");
  }

  private ApiClient api() {
    return new ApiClient(port);
  }

  private static String key() {
    return TestKeys.HEADER + ": " + TestKeys.VIEWER + "\r\n";
  }

  /** Writes the request as it is, byte for byte, and reads the answer until the server closes. */
  private RawResponse raw(String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(30_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      ByteArrayOutputStream received = new ByteArrayOutputStream();
      InputStream in = socket.getInputStream();
      in.transferTo(received);
      String text = received.toString(StandardCharsets.ISO_8859_1);
      int end = text.indexOf("\r\n\r\n");
      assertThat(end).as(text).isPositive();
      String[] lines = text.substring(0, end).split("\r\n");
      Map<String, String> headers = new LinkedHashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
      }
      String body = text.substring(end + 4);
      if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
        body = unchunk(body);
      }
      return new RawResponse(Integer.parseInt(lines[0].split(" ")[1]), headers, body);
    }
  }

  private static String unchunk(String chunked) {
    StringBuilder body = new StringBuilder();
    int at = 0;
    while (true) {
      int lineEnd = chunked.indexOf("\r\n", at);
      int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].trim(), 16);
      if (size == 0) {
        return body.toString();
      }
      body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
      at = lineEnd + 2 + size + 2;
    }
  }
}
