package dev.dbplane.resource;

/** A resource whose stack has produced no outputs yet (its first UP has not succeeded). */
public final class NoOutputsException extends RuntimeException {

  /** @param consequence what that means for the request refused */
  NoOutputsException(String noun, String name, String consequence) {
    super(noun + " " + name + " has no outputs yet: " + consequence);
  }
}
