package dev.dbplane.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Maps every failure to an RFC 9457 problem+json in one place. Details name fields and reasons but
 * never echo secrets or stack traces; an unexpected failure is logged with a reference the caller
 * can quote.
 */
@RestControllerAdvice
class ProblemResponses extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);
  static final String TYPE_PREFIX = "urn:dbplane:problem:";

  /** One entry of a problem's {@code violations}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ProblemViolation(
      @Nullable String field, String message, @Nullable String rule, @Nullable Integer line, @Nullable Integer column) {}

  @ExceptionHandler(UnreadableRequestException.class)
  ResponseEntity<ProblemDetail> unreadable(UnreadableRequestException e) {
    boolean malformed = e.kind() == UnreadableRequestException.Kind.MALFORMED;
    ProblemDetail problem =
        problem(
            malformed ? HttpStatus.BAD_REQUEST : HttpStatus.UNPROCESSABLE_CONTENT,
            malformed ? "malformed-body" : "does-not-fit-model",
            malformed ? "The request body cannot be read" : "The request does not fit the resource model",
            e.problems().size() == 1 ? e.problems().get(0).reason() : e.problems().size() + " problem(s) in the request body");
    List<ProblemViolation> violations =
        e.problems().stream().map(p -> new ProblemViolation(p.field(), p.reason(), null, p.line(), p.column())).toList();
    problem.setProperty("violations", violations);
    return respond(problem);
  }

  @ExceptionHandler(RequestBodyTooLargeException.class)
  ResponseEntity<ProblemDetail> tooLarge(RequestBodyTooLargeException e) {
    return respond(
        problem(
            HttpStatus.CONTENT_TOO_LARGE,
            "body-too-large",
            "The request body is too large",
            "the limit is " + e.limit().toBytes() + " bytes (dbplane.intake.max-body-size)"));
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e) {
    String reference = UUID.randomUUID().toString();
    log.error("unexpected failure, reference {}", reference, e);
    return respond(
        problem(
            HttpStatus.INTERNAL_SERVER_ERROR,
            "internal-error",
            "Internal error",
            "the service failed unexpectedly; quote reference " + reference + " to the operators"));
  }

  @Override
  protected @Nullable ResponseEntity<Object> handleHttpMediaTypeNotSupported(
      HttpMediaTypeNotSupportedException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    ProblemDetail problem =
        problem(
            HttpStatus.UNSUPPORTED_MEDIA_TYPE,
            "unsupported-media-type",
            "Unsupported media type",
            (ex.getContentType() == null ? "no Content-Type was given" : "Content-Type " + ex.getContentType() + " is not accepted")
                + "; send application/json, application/yaml or application/x-protobuf");
    return handleExceptionInternal(ex, problem, headers, status, request);
  }

  static ProblemDetail problem(HttpStatusCode status, String type, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(URI.create(TYPE_PREFIX + type));
    problem.setTitle(title);
    return problem;
  }

  private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
    return ResponseEntity.status(problem.getStatus())
        .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }
}
