package dev.dbplane.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/** RFC 9457 answers of the security filters, in the same form as the API's own. */
final class Problems {

  private final JsonMapper json;

  Problems(JsonMapper json) {
    this.json = json;
  }

  void write(HttpServletRequest request, HttpServletResponse response, int status, String type, String title, String detail)
      throws IOException {
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", "urn:dbplane:problem:" + type);
    problem.put("title", title);
    problem.put("status", status);
    problem.put("detail", detail);
    problem.put("instance", request.getRequestURI());
    response.setStatus(status);
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.getOutputStream().write(json.writeValueAsBytes(problem));
  }

  /** The one answer to every authentication failure, so that it tells nothing of which keys exist. */
  void unauthenticated(HttpServletRequest request, HttpServletResponse response) throws IOException {
    response.setHeader("WWW-Authenticate", "ApiKey header=\"X-API-Key\", Bearer");
    write(request, response, 401, "unauthenticated", "Authentication required",
        "send a valid API key in X-API-Key, or a bearer token");
  }
}
