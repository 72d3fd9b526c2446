package dev.dbplane.webhook;

/** A callback URL the service will not call. */
public final class InvalidCallbackUrlException extends RuntimeException {

  InvalidCallbackUrlException(String reason) {
    super(reason, null, false, false);
  }
}
