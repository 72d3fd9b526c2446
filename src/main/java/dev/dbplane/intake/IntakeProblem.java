package dev.dbplane.intake;

import org.jspecify.annotations.Nullable;

/**
 * Why a request body could not be read into the model.
 *
 * @param field path of the field as the caller wrote it (for example {@code spec.nodeCount}); null
 *     when the problem is not in one field
 * @param line 1-based line in the body, when known
 * @param column 1-based column in the body, when known
 * @param reason what is wrong, for people
 */
public record IntakeProblem(
    @Nullable String field, @Nullable Integer line, @Nullable Integer column, String reason) {

  static IntakeProblem at(@Nullable String field, String reason) {
    return new IntakeProblem(field, null, null, reason);
  }

  IntakeProblem withPosition(SourceTree.@Nullable Position position) {
    return position == null ? this : new IntakeProblem(field, position.line(), position.column(), reason);
  }
}
