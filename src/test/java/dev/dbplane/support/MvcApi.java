package dev.dbplane.support;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The service's REST API through MockMvc, as one of the tests' callers. */
public final class MvcApi implements JobPolling {

  private final Supplier<MockMvc> mvc;
  private final String key;

  public MvcApi(MockMvc mvc, String key) {
    this(() -> mvc, key);
  }

  /**
   * For a field of a test whose MockMvc is injected only after the test instance is made: it is
   * read at each request.
   */
  public MvcApi(Supplier<MockMvc> mvc, String key) {
    this.mvc = mvc;
    this.key = key;
  }

  public MvcResult send(MockHttpServletRequestBuilder request) throws Exception {
    return mvc.get().perform(request.header(TestKeys.HEADER, key)).andReturn();
  }

  /** With a JSON body. */
  public MvcResult send(MockHttpServletRequestBuilder request, String json) throws Exception {
    return send(request.contentType("application/json").content(json));
  }

  @Override
  public String read(String path) throws Exception {
    return body(send(get(path)));
  }

  /** A read through MockMvc is a method call: polling often costs nothing and keeps the tests quick. */
  @Override
  public Duration pollInterval() {
    return Duration.ofMillis(50);
  }

  /** The answer's body, read as UTF-8 whatever the answer says. */
  public static String body(MvcResult result) throws Exception {
    return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
  }
}
