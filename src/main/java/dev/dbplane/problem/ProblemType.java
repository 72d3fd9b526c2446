package dev.dbplane.problem;

import java.net.URI;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * Every problem type the service answers with: {@code urn:dbplane:problem:<suffix>}, its title and
 * its status. An error known only by its status (one of Spring's own, or of the servlet container)
 * has a type named after that status instead ({@link #uriOfStatus}).
 */
public enum ProblemType {
  MALFORMED_BODY("malformed-body", HttpStatus.BAD_REQUEST, "The request body cannot be read"),
  DOES_NOT_FIT_MODEL("does-not-fit-model", HttpStatus.UNPROCESSABLE_CONTENT, "The request does not fit the resource model"),
  BODY_TOO_LARGE("body-too-large", HttpStatus.CONTENT_TOO_LARGE, "The request body is too large"),
  UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
  INVALID_PARAMETER("invalid-parameter", HttpStatus.BAD_REQUEST, "Invalid parameter"),
  INVALID_SPEC("invalid-spec", HttpStatus.UNPROCESSABLE_CONTENT, "The spec breaks rules"),
  UNSUPPORTED_CHANGE("unsupported-change", HttpStatus.UNPROCESSABLE_CONTENT, "DigitalOcean cannot make this change"),
  REPLACEMENT_NOT_CONFIRMED("replacement-not-confirmed", HttpStatus.CONFLICT, "The change replaces the resource"),
  CLUSTER_EXISTS("cluster-exists", HttpStatus.CONFLICT, "The resource already exists"),
  STACK_IN_USE("stack-in-use", HttpStatus.CONFLICT, "The stack belongs to another resource"),
  CLUSTER_BUSY("cluster-busy", HttpStatus.CONFLICT, "The cluster has a job in progress"),
  CLUSTER_IN_USE("cluster-in-use", HttpStatus.CONFLICT, "Resources still live in the cluster"),
  INVALID_CALLBACK_URL("invalid-callback-url", HttpStatus.UNPROCESSABLE_CONTENT, "The callback URL is refused"),
  NO_OUTPUTS("no-outputs", HttpStatus.CONFLICT, "The resource has no outputs yet"),
  JOB_ENDED("job-ended", HttpStatus.CONFLICT, "The job has already ended"),
  STALE_ETAG("stale-etag", HttpStatus.PRECONDITION_FAILED, "The resource changed since it was read"),
  IF_MATCH_REQUIRED("if-match-required", HttpStatus.PRECONDITION_REQUIRED, "If-Match is required"),
  DESTROY_NOT_CONFIRMED("destroy-not-confirmed", HttpStatus.UNPROCESSABLE_CONTENT, "The destroy was not confirmed"),
  NOT_FOUND("not-found", HttpStatus.NOT_FOUND, "Not found"),
  INVALID_IDEMPOTENCY_KEY("invalid-idempotency-key", HttpStatus.BAD_REQUEST, "Invalid Idempotency-Key"),
  IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", HttpStatus.UNPROCESSABLE_CONTENT, "Idempotency-Key already used"),
  IDEMPOTENCY_REQUEST_IN_PROGRESS("idempotency-request-in-progress", HttpStatus.CONFLICT, "The first request is still being answered"),
  UNAUTHENTICATED("unauthenticated", HttpStatus.UNAUTHORIZED, "Authentication required"),
  FORBIDDEN("forbidden", HttpStatus.FORBIDDEN, "Not allowed"),
  RATE_LIMITED("rate-limited", HttpStatus.TOO_MANY_REQUESTS, "Too many changes"),
  REJECTED_REQUEST("rejected-request", HttpStatus.BAD_REQUEST, "The request is refused"),
  STORAGE_NOT_WRITABLE("storage-not-writable", HttpStatus.SERVICE_UNAVAILABLE, "The service cannot write its data"),
  INTERNAL_ERROR("internal-error", HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");

  public static final String PREFIX = "urn:dbplane:problem:";

  private final String suffix;
  private final HttpStatus status;
  private final String title;

  ProblemType(String suffix, HttpStatus status, String title) {
    this.suffix = suffix;
    this.status = status;
    this.title = title;
  }

  public String suffix() {
    return suffix;
  }

  public HttpStatus status() {
    return status;
  }

  public String title() {
    return title;
  }

  public URI uri() {
    return URI.create(PREFIX + suffix);
  }

  /** A problem of this type, saying what happened to this request. */
  public ProblemDetail problem(String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(uri());
    problem.setTitle(title);
    return problem;
  }

  /**
   * The type of an error known only by its status, after its reason: {@code not-found}, {@code
   * method-not-allowed}; {@code internal-error} as the API's own.
   */
  public static URI uriOfStatus(int status) {
    HttpStatus known = HttpStatus.resolve(status);
    if (known == null) {
      return URI.create(PREFIX + "http-" + status);
    }
    return known == INTERNAL_ERROR.status
        ? INTERNAL_ERROR.uri()
        : URI.create(PREFIX + known.getReasonPhrase().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-"));
  }
}
