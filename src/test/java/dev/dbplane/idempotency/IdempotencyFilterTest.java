package dev.dbplane.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.jayway.jsonpath.JsonPath;
import dev.dbplane.config.DbplaneProperties;
import dev.dbplane.problem.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * The filter keeps the first answer to a key, replays it to a retry of the same request, refuses the
 * key for another request or while the first is answered, and keeps no 5xx.
 */
class IdempotencyFilterTest {

  private static final String KEY = "3f0c1f9e-key";
  private static final String CALLER = "apikey:test-operator";
  private static final byte[] BODY = "{\"kind\": \"DigitalOceanDatabaseCluster\"}".getBytes(StandardCharsets.UTF_8);

  private final IdempotencyStore store = mock(IdempotencyStore.class);
  private final IdempotencyFilter filter = new IdempotencyFilter(store, properties("64B"), problems());

  private static DbplaneProperties properties(String maxBodySize) {
    return new Binder(new MapConfigurationPropertySource(Map.of("dbplane.intake.max-body-size", maxBodySize)))
        .bindOrCreate("dbplane", DbplaneProperties.class);
  }

  private static ProblemWriter problems() {
    return new ProblemWriter(JsonMapper.builder().addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class).build());
  }

  private static MockHttpServletRequest post(String key, byte[] body) {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/database-clusters");
    request.addHeader(IdempotencyFilter.HEADER, key);
    request.setContentType("application/json");
    request.setContent(body);
    request.setUserPrincipal(() -> CALLER);
    return request;
  }

  /** A controller that answers 202 with a job, after reading the body it was sent. */
  private static FilterChain accepting(AtomicReference<byte[]> bodySeen) {
    return (request, response) -> {
      bodySeen.set(request.getInputStream().readAllBytes());
      HttpServletResponse http = (HttpServletResponse) response;
      http.setStatus(202);
      http.setHeader("Location", "/api/v1/jobs/1");
      http.setContentType("application/json");
      http.getOutputStream().write("{\"job\": 1}".getBytes(StandardCharsets.UTF_8));
    };
  }

  /** The hash the filter gives this request, as it claims the key for it. */
  private String hashOf(MockHttpServletRequest request) throws Exception {
    IdempotencyStore claims = mock(IdempotencyStore.class);
    when(claims.claim(anyString(), anyString(), anyString())).thenReturn(Optional.empty());
    new IdempotencyFilter(claims, properties("64B"), problems()).doFilter(request, new MockHttpServletResponse(), (req, res) -> {});
    ArgumentCaptor<String> hash = ArgumentCaptor.forClass(String.class);
    verify(claims).claim(eq(CALLER), eq(KEY), hash.capture());
    return hash.getValue();
  }

  @Test
  void theFirstAnswerIsKeptAndTheControllerReadsTheBodyAsSent() throws Exception {
    when(store.claim(eq(CALLER), eq(KEY), anyString())).thenReturn(Optional.empty());
    AtomicReference<byte[]> bodySeen = new AtomicReference<>();
    MockHttpServletResponse response = new MockHttpServletResponse();

    filter.doFilter(post(KEY, BODY), response, accepting(bodySeen));

    assertThat(bodySeen.get()).isEqualTo(BODY);
    assertThat(response.getStatus()).isEqualTo(202);
    assertThat(response.getContentAsString()).isEqualTo("{\"job\": 1}");
    verify(store).complete(CALLER, KEY, 202, "/api/v1/jobs/1", "application/json", "{\"job\": 1}".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aRetryOfTheSameRequestGetsTheKeptAnswerMarkedReplayed() throws Exception {
    String hash = hashOf(post(KEY, BODY));
    byte[] kept = "{\"job\": 1}".getBytes(StandardCharsets.UTF_8);
    when(store.claim(CALLER, KEY, hash)).thenReturn(Optional.of(new IdempotencyStore.Entry(hash, 202, "/api/v1/jobs/1", "application/json", kept)));
    MockHttpServletResponse response = new MockHttpServletResponse();

    filter.doFilter(post(KEY, BODY), response, (request, answer) -> {
      throw new AssertionError("a replay must not reach the controller");
    });

    assertThat(response.getStatus()).isEqualTo(202);
    assertThat(response.getHeader("Location")).isEqualTo("/api/v1/jobs/1");
    assertThat(response.getHeader(IdempotencyFilter.REPLAYED)).isEqualTo("true");
    assertThat(response.getContentAsByteArray()).isEqualTo(kept);
  }

  @Test
  void theKeyOfAnotherRequestIsRefused() throws Exception {
    when(store.claim(eq(CALLER), eq(KEY), anyString()))
        .thenReturn(Optional.of(new IdempotencyStore.Entry("the hash of another request", 202, null, null, null)));
    MockHttpServletResponse response = new MockHttpServletResponse();

    filter.doFilter(post(KEY, BODY), response, (request, answer) -> {});

    assertProblem(response, 422, "idempotency-key-reused");
  }

  @Test
  void aRetryWhileTheFirstRequestIsAnsweredIsRefused() throws Exception {
    String hash = hashOf(post(KEY, BODY));
    when(store.claim(CALLER, KEY, hash)).thenReturn(Optional.of(new IdempotencyStore.Entry(hash, null, null, null, null)));
    MockHttpServletResponse response = new MockHttpServletResponse();

    filter.doFilter(post(KEY, BODY), response, (request, answer) -> {});

    assertProblem(response, 409, "idempotency-request-in-progress");
  }

  @Test
  void aServerErrorIsNotKeptSoThatARetryIsAnsweredAfresh() throws Exception {
    when(store.claim(eq(CALLER), eq(KEY), anyString())).thenReturn(Optional.empty());
    MockHttpServletResponse response = new MockHttpServletResponse();

    filter.doFilter(post(KEY, BODY), response, (request, answer) -> ((HttpServletResponse) answer).setStatus(503));

    assertThat(response.getStatus()).isEqualTo(503);
    verify(store).release(CALLER, KEY);
    verify(store, never()).complete(anyString(), anyString(), anyInt(), any(), any(), any());
  }

  @Test
  void aKeyThatCannotBeKeptIsRefusedNamingTheHeader() throws Exception {
    MockHttpServletResponse response = new MockHttpServletResponse();

    filter.doFilter(post("two words", BODY), response, (request, answer) -> {});

    assertProblem(response, 400, "invalid-idempotency-key");
    assertThat(JsonPath.<String>read(response.getContentAsString(), "$.violations[0].field")).isEqualTo(IdempotencyFilter.HEADER);
    verify(store, never()).claim(anyString(), anyString(), anyString());
  }

  @Test
  void aBodyOverTheLimitIsRefusedBeforeAKeyIsTaken() throws Exception {
    MockHttpServletResponse response = new MockHttpServletResponse();

    filter.doFilter(post(KEY, new byte[65]), response, (request, answer) -> {});

    assertProblem(response, 413, "body-too-large");
    assertThat(JsonPath.<String>read(response.getContentAsString(), "$.detail")).isEqualTo("the limit is 64 bytes (dbplane.intake.max-body-size)");
    verify(store, never()).claim(anyString(), anyString(), anyString());
  }

  @Test
  void onlyPostsToTheApiWithAKeyAreLookedAt() throws Exception {
    MockHttpServletRequest read = new MockHttpServletRequest("GET", "/api/v1/database-clusters");
    read.addHeader(IdempotencyFilter.HEADER, KEY);
    AtomicReference<Boolean> passed = new AtomicReference<>(false);

    filter.doFilter(read, new MockHttpServletResponse(), (request, answer) -> passed.set(true));

    assertThat(passed.get()).isTrue();
    verify(store, never()).claim(anyString(), anyString(), anyString());
  }

  private static void assertProblem(MockHttpServletResponse response, int status, String type) throws Exception {
    assertThat(response.getStatus()).isEqualTo(status);
    assertThat(response.getContentType()).isEqualTo("application/problem+json");
    assertThat(JsonPath.<String>read(response.getContentAsString(), "$.type")).isEqualTo("urn:dbplane:problem:" + type);
    assertThat(JsonPath.<String>read(response.getContentAsString(), "$.instance")).isEqualTo("/api/v1/database-clusters");
  }
}
