package dev.dbplane.crypto;

/**
 * Authenticated encryption of secrets before they reach the database. Each ciphertext is bound to
 * its context (for example {@code cluster-outputs:<id>}): opened under another context it fails, so
 * a ciphertext copied to another record does not decrypt.
 */
public interface SecretBox {

  byte[] seal(byte[] plaintext, String context);

  /**
   * @throws UnreadableSecretException when the ciphertext was not sealed under this context by a key
   *     of the keyset
   */
  byte[] open(byte[] ciphertext, String context);
}
