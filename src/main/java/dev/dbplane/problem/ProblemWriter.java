package dev.dbplane.problem;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes problems where no controller answers (a filter, the firewall, the servlet container), in
 * the same form as the controllers' answers.
 */
@Component
public final class ProblemWriter {

  private static final String TRAILING_SLASH = "; paths end without '/'";

  private final JsonMapper json;

  public ProblemWriter(JsonMapper json) {
    this.json = json;
  }

  /** Answers the request with the problem, as the problem of that request's URI. */
  public void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem) throws IOException {
    problem.setInstance(URI.create(request.getRequestURI()));
    response.setStatus(problem.getStatus());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.getOutputStream().write(json.writeValueAsBytes(problem));
  }

  /**
   * The JSON of an error known only by its status, such as one the servlet container gives before
   * the application sees the request; all ASCII (so in any charset), without {@code instance} when
   * it is null.
   */
  public String textOfStatus(int status, @Nullable String instance) {
    ProblemDetail problem = ofStatus(status, instance);
    if (instance != null) {
      problem.setInstance(URI.create(instance));
    }
    return json.writer().with(JsonWriteFeature.ESCAPE_NON_ASCII).writeValueAsString(problem);
  }

  private static ProblemDetail ofStatus(int status, @Nullable String path) {
    HttpStatus known = HttpStatus.resolve(status);
    ProblemDetail problem;
    if (known == null) {
      problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(status), "the request failed with status " + status);
      problem.setTitle("HTTP " + status);
    } else {
      String detail =
          switch (known) {
            case BAD_REQUEST -> "the request is not acceptable HTTP: its URL holds an encoded '/' or NUL, a '\\', control "
                + "characters or a sequence such as '//', '/../' or ';', or a header is malformed";
            case NOT_FOUND -> noSuchPath(path, false);
            case REQUEST_HEADER_FIELDS_TOO_LARGE, CONTENT_TOO_LARGE -> "the request's headers or body are larger than the server accepts";
            case INTERNAL_SERVER_ERROR -> "the service failed unexpectedly";
            default -> known.getReasonPhrase();
          };
      problem = ProblemDetail.forStatusAndDetail(known, detail);
      problem.setTitle(known.getReasonPhrase());
    }
    problem.setType(ProblemType.uriOfStatus(status));
    return problem;
  }

  /**
   * The detail of a 404: no such path, named when {@code named}; a path ending in '/' is told that
   * paths end without one, the likely mistake.
   */
  public static String noSuchPath(@Nullable String path, boolean named) {
    boolean trailingSlash = path != null && path.length() > 1 && path.endsWith("/");
    return "no such path" + (named && path != null ? " " + path : "") + (trailingSlash ? TRAILING_SLASH : "");
  }
}
