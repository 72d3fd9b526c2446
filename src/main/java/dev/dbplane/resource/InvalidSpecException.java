package dev.dbplane.resource;

/** A request whose spec breaks rules; nothing was written. */
public final class InvalidSpecException extends RuntimeException {

  private final ValidationOutcome<?> outcome;

  public InvalidSpecException(ValidationOutcome<?> outcome) {
    super(outcome.violations().size() + " violation(s)");
    this.outcome = outcome;
  }

  public ValidationOutcome<?> outcome() {
    return outcome;
  }
}
