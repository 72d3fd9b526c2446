package dev.dbplane.crypto;

/** A ciphertext that no key of the keyset opens under the given context. */
public final class UnreadableSecretException extends RuntimeException {

  UnreadableSecretException(String context, Throwable cause) {
    super("cannot decrypt the secret of " + context + ": wrong keyset, or the record was altered or moved", cause);
  }
}
