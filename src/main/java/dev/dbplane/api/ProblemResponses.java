package dev.dbplane.api;

import dev.dbplane.intake.RequestBodyTooLargeException;
import dev.dbplane.intake.UnreadableRequestException;
import dev.dbplane.job.ActiveJobExistsException;
import dev.dbplane.job.JobNotCancellableException;
import dev.dbplane.job.JobNotFoundException;
import dev.dbplane.problem.ProblemType;
import dev.dbplane.problem.ProblemViolation;
import dev.dbplane.problem.ProblemWriter;
import dev.dbplane.resource.DestroyNotConfirmedException;
import dev.dbplane.resource.InvalidSpecException;
import dev.dbplane.resource.NoOutputsException;
import dev.dbplane.resource.ReplacementNotConfirmedException;
import dev.dbplane.resource.ResourceAlreadyExistsException;
import dev.dbplane.resource.ResourceInUseException;
import dev.dbplane.resource.ResourceNotFoundException;
import dev.dbplane.resource.SpecVersionMismatchException;
import dev.dbplane.resource.StackInUseException;
import dev.dbplane.resource.UnsupportedChangeException;
import dev.dbplane.resource.Violation;
import dev.dbplane.webhook.InvalidCallbackUrlException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.ReadOnlyFileSystemException;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Maps every failure of a controller to an RFC 9457 problem+json of the vocabulary ({@link
 * ProblemType}). Details name fields and reasons but never echo secrets or stack traces; an
 * unexpected failure is logged with a reference the caller can quote.
 */
@RestControllerAdvice
class ProblemResponses extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);
  private final ValidationMetrics metrics;

  ProblemResponses(ValidationMetrics metrics) {
    this.metrics = metrics;
  }

  @ExceptionHandler(UnreadableRequestException.class)
  ResponseEntity<ProblemDetail> unreadable(UnreadableRequestException e) {
    metrics.unreadable(e.kind());
    boolean malformed = e.kind() == UnreadableRequestException.Kind.MALFORMED;
    ProblemDetail problem =
        (malformed ? ProblemType.MALFORMED_BODY : ProblemType.DOES_NOT_FIT_MODEL)
            .problem(e.problems().size() == 1 ? e.problems().get(0).reason() : e.problems().size() + " problem(s) in the request body");
    List<ProblemViolation> violations =
        e.problems().stream().map(p -> new ProblemViolation(p.field(), p.reason(), null, p.line(), p.column())).toList();
    problem.setProperty("violations", violations);
    return respond(problem);
  }

  @ExceptionHandler(RequestBodyTooLargeException.class)
  ResponseEntity<ProblemDetail> tooLarge(RequestBodyTooLargeException e) {
    return respond(ProblemType.BODY_TOO_LARGE.problem(e.getMessage()));
  }

  @ExceptionHandler(InvalidSpecException.class)
  ResponseEntity<ProblemDetail> invalidSpec(InvalidSpecException e, HttpServletRequest request) {
    metrics.violated(e.outcome().violations());
    FindingsAsWritten fields = ManifestBodies.fieldsOf(request);
    ProblemDetail problem = ProblemType.INVALID_SPEC.problem(e.outcome().violations().size() + " violation(s); nothing was written");
    problem.setProperty("violations", fields.violations(e.outcome().violations()));
    problem.setProperty("warnings", fields.advisories(e.outcome().advisories()));
    return respond(problem);
  }

  @ExceptionHandler(UnsupportedChangeException.class)
  ResponseEntity<ProblemDetail> unsupportedChange(UnsupportedChangeException e, HttpServletRequest request) {
    ProblemDetail problem = ProblemType.UNSUPPORTED_CHANGE.problem("the update was refused; nothing was written");
    problem.setProperty("violations", ManifestBodies.fieldsOf(request).violations(e.changes()));
    return respond(problem);
  }

  @ExceptionHandler(ReplacementNotConfirmedException.class)
  ResponseEntity<ProblemDetail> replacement(ReplacementNotConfirmedException e, HttpServletRequest request) {
    ProblemDetail problem =
        ProblemType.REPLACEMENT_NOT_CONFIRMED.problem(
            "the change destroys the cluster and its data and creates a new one; resend with confirmReplacement=true to accept that");
    problem.setProperty("violations", ManifestBodies.fieldsOf(request).violations(e.changes()));
    return respond(problem);
  }

  @ExceptionHandler(ResourceAlreadyExistsException.class)
  ResponseEntity<ProblemDetail> exists(ResourceAlreadyExistsException e) {
    ProblemDetail problem =
        ProblemType.CLUSTER_EXISTS.problem(
            "a " + e.noun() + " named " + e.existing().name() + " is managed here; update it with PUT instead");
    problem.setProperty(e.noun(), ResourcePaths.of(e.existing()));
    return respond(problem);
  }

  @ExceptionHandler(StackInUseException.class)
  ResponseEntity<ProblemDetail> stackInUse(StackInUseException e, HttpServletRequest request) {
    ProblemDetail problem =
        ProblemType.STACK_IN_USE.problem(
            e.getMessage() + "; a second " + e.noun() + " in it would replace that one, deleting it. Give this " + e.noun() + " a stack of its own");
    problem.setProperty(e.noun(), ResourcePaths.of(e.holder()));
    problem.setProperty("violations",
        ManifestBodies.fieldsOf(request).violations(List.of(new Violation(e.field(), "dbplane.stack.unique", e.getMessage()))));
    return respond(problem);
  }

  @ExceptionHandler(ActiveJobExistsException.class)
  ResponseEntity<ProblemDetail> busy(ActiveJobExistsException e) {
    ProblemDetail problem =
        ProblemType.CLUSTER_BUSY.problem(
            "one job at a time per cluster; wait for it to end or cancel it");
    if (e.activeJobId() != null) {
      problem.setProperty("activeJob", "/api/v1/jobs/" + e.activeJobId());
    }
    return respond(problem);
  }

  @ExceptionHandler(ResourceInUseException.class)
  ResponseEntity<ProblemDetail> inUse(ResourceInUseException e) {
    ProblemDetail problem = ProblemType.CLUSTER_IN_USE.problem(e.getMessage() + " (withResources=true)");
    problem.setProperty("inside", e.inside().stream().map(ResourcePaths::of).toList());
    return respond(problem);
  }

  @ExceptionHandler(InvalidCallbackUrlException.class)
  ResponseEntity<ProblemDetail> invalidCallback(InvalidCallbackUrlException e) {
    ProblemDetail problem = ProblemType.INVALID_CALLBACK_URL.problem(e.getMessage());
    problem.setProperty("violations", List.of(new ProblemViolation("url", e.getMessage(), "dbplane.webhook.url", null, null)));
    return respond(problem);
  }

  @ExceptionHandler(NoOutputsException.class)
  ResponseEntity<ProblemDetail> noOutputs(NoOutputsException e) {
    return respond(ProblemType.NO_OUTPUTS.problem(e.getMessage()));
  }

  @ExceptionHandler(JobNotCancellableException.class)
  ResponseEntity<ProblemDetail> notCancellable(JobNotCancellableException e) {
    return respond(ProblemType.JOB_ENDED.problem("it ended as " + e.job().status()));
  }

  @ExceptionHandler(SpecVersionMismatchException.class)
  ResponseEntity<ProblemDetail> stale(SpecVersionMismatchException e) {
    String current = e.current().etag();
    String reason = "is not the resource's current ETag; send the value of its ETag header as it is";
    ProblemDetail problem =
        ProblemType.STALE_ETAG.problem(
            "its ETag is now " + current + "; read it again, reapply your change and send If-Match: " + current);
    problem.setProperty("violations", List.of(ProblemViolation.of("If-Match", reason)));
    return ResponseEntity.status(problem.getStatus())
        .eTag(current)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }

  @ExceptionHandler(PreconditionRequiredException.class)
  ResponseEntity<ProblemDetail> ifMatchMissing(PreconditionRequiredException e) {
    return respond(ProblemType.IF_MATCH_REQUIRED.problem(e.getMessage()));
  }

  @ExceptionHandler(DestroyNotConfirmedException.class)
  ResponseEntity<ProblemDetail> destroyNotConfirmed(DestroyNotConfirmedException e) {
    ProblemDetail problem = ProblemType.DESTROY_NOT_CONFIRMED.problem(e.getMessage());
    problem.setProperty("violations", List.of(new ProblemViolation("confirm", e.getMessage(), "dbplane.destroy.confirm", null, null)));
    return respond(problem);
  }

  @ExceptionHandler({ResourceNotFoundException.class, JobNotFoundException.class})
  ResponseEntity<ProblemDetail> notFound(RuntimeException e) {
    return respond(ProblemType.NOT_FOUND.problem(e.getMessage()));
  }

  @ExceptionHandler(InvalidParameterException.class)
  ResponseEntity<ProblemDetail> invalidParameter(InvalidParameterException e) {
    return respond(invalidParameter(e.parameter(), e.getMessage()));
  }

  /** A query parameter that is not of its type (a word for a number, an unknown status). */
  @Override
  protected @Nullable ResponseEntity<Object> handleTypeMismatch(
      TypeMismatchException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    String parameter = ex.getPropertyName() == null ? "a parameter" : ex.getPropertyName();
    return handleExceptionInternal(ex, invalidParameter(parameter, expected(ex.getRequiredType())), headers, HttpStatus.BAD_REQUEST, request);
  }

  private static ProblemDetail invalidParameter(String parameter, String reason) {
    ProblemDetail problem = ProblemType.INVALID_PARAMETER.problem(parameter + " " + reason);
    problem.setProperty("violations", List.of(ProblemViolation.of(parameter, reason)));
    return problem;
  }

  private static String expected(@Nullable Class<?> type) {
    if (type == null) {
      return "has the wrong form";
    }
    if (type.isEnum()) {
      return "must be one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
    }
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
      return "must be a whole number";
    }
    if (type == UUID.class) {
      return "must be a UUID";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "must be true or false";
    }
    return "has the wrong form";
  }

  /**
   * A write the service's storage refuses (a read-only database or file system, a file it may not
   * write) is the operators' to fix, and the caller may retry after: a 503 that says so, not an
   * internal error. Anything else of the database is unexpected.
   */
  @ExceptionHandler({DataAccessException.class, FileSystemException.class, UncheckedIOException.class})
  ResponseEntity<ProblemDetail> storageRefused(Exception e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      String refusal = storageRefusal(cause);
      if (refusal != null) {
        log.error("a write was refused by the storage: {}", refusal);
        return respond(ProblemType.STORAGE_NOT_WRITABLE.problem(refusal + "; nothing was written, retry once the operators have fixed it"));
      }
    }
    return unexpected(e);
  }

  private static @Nullable String storageRefusal(Throwable cause) {
    if (cause instanceof AccessDeniedException denied) {
      return "access to " + denied.getFile() + " is denied";
    }
    if (cause instanceof FileSystemException failed && failed.getReason() != null && failed.getReason().contains("Read-only file system")) {
      return failed.getFile() + " is on a read-only file system";
    }
    if (cause instanceof ReadOnlyFileSystemException) {
      return "the file system is read-only";
    }
    // H2's "database is read only" (it opens a file it cannot write read-only); PostgreSQL's read-only transaction.
    if (cause instanceof SQLException sql && (sql.getErrorCode() == 90097 || "25006".equals(sql.getSQLState()))) {
      return "the database is read-only";
    }
    return null;
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e) {
    String reference = UUID.randomUUID().toString();
    log.error("unexpected failure, reference {}", reference, e);
    return respond(ProblemType.INTERNAL_ERROR.problem("the service failed unexpectedly; quote reference " + reference + " to the operators"));
  }

  @Override
  protected @Nullable ResponseEntity<Object> handleHttpMediaTypeNotSupported(
      HttpMediaTypeNotSupportedException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    ProblemDetail problem =
        ProblemType.UNSUPPORTED_MEDIA_TYPE.problem(
            (ex.getContentType() == null ? "no Content-Type was given" : "Content-Type " + ex.getContentType() + " is not accepted")
                + "; send application/json, application/yaml or application/x-protobuf");
    return handleExceptionInternal(ex, problem, headers, status, request);
  }

  /** No handler and no resource: an unknown path, or a known one with a trailing '/'. */
  @Override
  protected @Nullable ResponseEntity<Object> handleNoResourceFoundException(
      NoResourceFoundException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    ProblemDetail problem = ProblemType.NOT_FOUND.problem(ProblemWriter.noSuchPath("/" + ex.getResourcePath(), true));
    return handleExceptionInternal(ex, problem, headers, HttpStatus.NOT_FOUND, request);
  }

  /**
   * Spring's own problems (method not allowed, not acceptable, a missing parameter) have no type (it
   * means {@code about:blank}): give them one of this API, named after their status, like every other.
   */
  @Override
  protected ResponseEntity<Object> createResponseEntity(
      @Nullable Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
    if (body instanceof ProblemDetail problem && (problem.getType() == null || URI.create("about:blank").equals(problem.getType()))) {
      problem.setType(ProblemType.uriOfStatus(statusCode.value()));
    }
    return super.createResponseEntity(body, headers, statusCode, request);
  }

  private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
    return ResponseEntity.status(problem.getStatus())
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }
}
