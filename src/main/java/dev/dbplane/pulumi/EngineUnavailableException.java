package dev.dbplane.pulumi;

/** The Pulumi engine cannot run here; the message says what to install or configure. */
final class EngineUnavailableException extends RuntimeException {

  EngineUnavailableException(String message) {
    super(message, null, false, false);
  }
}
