package dev.dbplane.engine;

/** A run that failed, classified. The message is for people and must never hold a secret. */
public class StackEngineException extends Exception {

  private final EngineFailure failure;

  public StackEngineException(EngineFailure failure, String message) {
    super(message);
    this.failure = failure;
  }

  public StackEngineException(EngineFailure failure, String message, Throwable cause) {
    super(message, cause);
    this.failure = failure;
  }

  public EngineFailure failure() {
    return failure;
  }
}
