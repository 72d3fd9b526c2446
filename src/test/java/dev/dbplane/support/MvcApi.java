package dev.dbplane.support;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.jayway.jsonpath.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The service's REST API through MockMvc, as one of the tests' callers. */
public final class MvcApi {

  private final MockMvc mvc;
  private final String key;

  public MvcApi(MockMvc mvc, String key) {
    this.mvc = mvc;
    this.key = key;
  }

  public MvcResult send(MockHttpServletRequestBuilder request) throws Exception {
    return mvc.perform(request.header(TestKeys.HEADER, key)).andReturn();
  }

  /** With a JSON body. */
  public MvcResult send(MockHttpServletRequestBuilder request, String json) throws Exception {
    return send(request.contentType("application/json").content(json));
  }

  /** Polls the job until it has SUCCEEDED, failing after 20 seconds. */
  public void awaitSucceeded(String jobId) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    String status = "";
    while (Instant.now().isBefore(deadline)) {
      status = JsonPath.read(body(send(get("/api/v1/jobs/" + jobId))), "$.status");
      if (status.equals("SUCCEEDED")) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("job " + jobId + " is " + status + ", not SUCCEEDED");
  }

  public static String body(MvcResult result) throws Exception {
    return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
  }
}
