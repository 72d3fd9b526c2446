package dev.dbplane.intake;

import java.util.List;

/** A request body that cannot be read into the resource model, with every problem found. */
public final class UnreadableRequestException extends RuntimeException {

  /** Malformed syntax is a 400; well-formed content that does not fit the model is a 422. */
  public enum Kind {
    MALFORMED,
    DOES_NOT_FIT_MODEL
  }

  private final Kind kind;
  private final List<IntakeProblem> problems;

  UnreadableRequestException(Kind kind, List<IntakeProblem> problems) {
    super(problems.isEmpty() ? kind.name() : problems.get(0).reason(), null, false, false);
    this.kind = kind;
    this.problems = List.copyOf(problems);
  }

  static UnreadableRequestException malformed(IntakeProblem problem) {
    return new UnreadableRequestException(Kind.MALFORMED, List.of(problem));
  }

  public Kind kind() {
    return kind;
  }

  public List<IntakeProblem> problems() {
    return problems;
  }
}
