package dev.dbplane.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/** AES-256-GCM from a Tink keyset: the primary key seals, every key of the keyset opens. */
final class TinkSecretBox implements SecretBox {

  private final Aead aead;

  TinkSecretBox(KeysetHandle keyset) throws GeneralSecurityException {
    this.aead = keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
  }

  @Override
  public byte[] seal(byte[] plaintext, String context) {
    try {
      return aead.encrypt(plaintext, context.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("encryption failed for " + context, e);
    }
  }

  @Override
  public byte[] open(byte[] ciphertext, String context) {
    try {
      return aead.decrypt(ciphertext, context.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new UnreadableSecretException(context, e);
    }
  }
}
