package dev.dbplane.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * RFC 9457 answers given outside the API's controllers (the security filters, the firewall, the
 * servlet container's own errors), in the same form as the API's own.
 */
public final class Problems {

  private final JsonMapper json;

  Problems(JsonMapper json) {
    this.json = json;
  }

  void write(HttpServletRequest request, HttpServletResponse response, int status, String type, String title, String detail)
      throws IOException {
    response.setStatus(status);
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.getOutputStream().write(json.writeValueAsBytes(body(status, type, title, detail, request.getRequestURI())));
  }

  /** The problem's JSON, all ASCII (so in any charset); {@code instance} is left out when null. */
  String text(int status, String type, String title, String detail, @Nullable String instance) {
    return json.writer().with(JsonWriteFeature.ESCAPE_NON_ASCII).writeValueAsString(body(status, type, title, detail, instance));
  }

  /** An error known only by its status, such as one the servlet container gives before the application sees the request. */
  String text(int status, @Nullable String instance) {
    HttpStatus known = HttpStatus.resolve(status);
    if (known == null) {
      return text(status, type(status), "HTTP " + status, "the request failed with status " + status, instance);
    }
    String detail =
        switch (known) {
          case BAD_REQUEST -> "the request is not acceptable HTTP: its URL holds an encoded '/' or NUL, a '\\', control "
              + "characters or a sequence such as '//', '/../' or ';', or a header is malformed";
          case NOT_FOUND -> "no such path" + (instance != null && instance.length() > 1 && instance.endsWith("/")
              ? "; paths end without '/'" : "");
          case REQUEST_HEADER_FIELDS_TOO_LARGE, CONTENT_TOO_LARGE -> "the request's headers or body are larger than the server accepts";
          case INTERNAL_SERVER_ERROR -> "the service failed unexpectedly";
          default -> known.getReasonPhrase();
        };
    return text(status, type(status), known.getReasonPhrase(), detail, instance);
  }

  /**
   * The answer to an authentication failure: what credential was seen and what to send, the same
   * for every wrong key, so that it tells nothing of which keys exist.
   */
  void unauthenticated(HttpServletRequest request, HttpServletResponse response, boolean bearerTokensAccepted) throws IOException {
    response.setHeader("WWW-Authenticate", "ApiKey header=\"X-API-Key\", Bearer realm=\"dbplane\"");
    write(request, response, 401, "unauthenticated", "Authentication required", PresentedCredential.of(request).refusal(bearerTokensAccepted));
  }

  /**
   * The problem type of an error known only by its status, after its reason: {@code not-found},
   * {@code method-not-allowed}; {@code internal-error} as the API's own.
   */
  public static String type(int status) {
    HttpStatus known = HttpStatus.resolve(status);
    if (known == null) {
      return "http-" + status;
    }
    return known == HttpStatus.INTERNAL_SERVER_ERROR
        ? "internal-error"
        : known.getReasonPhrase().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
  }

  private static Map<String, Object> body(int status, String type, String title, String detail, @Nullable String instance) {
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", "urn:dbplane:problem:" + type);
    problem.put("title", title);
    problem.put("status", status);
    problem.put("detail", detail);
    if (instance != null) {
      problem.put("instance", instance);
    }
    return problem;
  }
}
