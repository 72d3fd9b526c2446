package dev.dbplane.catalog;

/** DigitalOcean refused the token a caller brought when asked for its options; the message is DigitalOcean's words. */
public final class TokenRefusedException extends RuntimeException {

  TokenRefusedException(String message) {
    super(message, null, false, false);
  }
}
