package dev.dbplane.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * One entry of a problem's {@code violations}, or of the validate answer's: the field as the caller
 * wrote it, and its 1-based line and column in a JSON or YAML body where the body holds it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Violation")
public record ProblemViolation(
    @Nullable String field, String message, @Nullable String rule, @Nullable Integer line, @Nullable Integer column) {

  /** A violation of a parameter or header, which has no rule id and no place in a body. */
  public static ProblemViolation of(String field, String message) {
    return new ProblemViolation(field, message, null, null, null);
  }
}
