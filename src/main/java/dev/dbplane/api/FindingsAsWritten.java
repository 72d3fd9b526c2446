package dev.dbplane.api;

import dev.dbplane.intake.CallerFields;
import dev.dbplane.problem.ProblemViolation;
import dev.dbplane.resource.Advisory;
import dev.dbplane.resource.Violation;
import java.util.List;

/**
 * The rules' findings on a request, each naming its field as the caller wrote it, with its place in
 * the body where the body holds it; rule and message stay as the rules wrote them.
 */
final class FindingsAsWritten {

  /** For requests with no body to point into: proto names, no places. */
  static final FindingsAsWritten AS_SENT = new FindingsAsWritten(CallerFields.AS_SENT);

  private final CallerFields fields;

  FindingsAsWritten(CallerFields fields) {
    this.fields = fields;
  }

  List<ProblemViolation> violations(List<Violation> violations) {
    return violations.stream()
        .map(v -> {
          CallerFields.Located located = fields.locate(v.field());
          return new ProblemViolation(located.field(), v.message(), v.rule(), located.line(), located.column());
        })
        .toList();
  }

  List<Advisory> advisories(List<Advisory> advisories) {
    return advisories.stream().map(a -> new Advisory(fields.locate(a.field()).field(), a.code(), a.message())).toList();
  }
}
