package dev.dbplane.crypto;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import org.jspecify.annotations.Nullable;

/**
 * Where the keyset comes from: given inline (an environment variable from a secret store), from a
 * file, or, on the embedded default only, generated once into the data directory.
 */
final class Keysets {

  private Keysets() {}

  static KeysetHandle load(@Nullable String inline, @Nullable Path file, Path generatedFile) {
    try {
      AeadConfig.register();
      if (inline != null && !inline.isBlank()) {
        return parse(inline, "dbplane.crypto.keyset");
      }
      if (file != null) {
        if (!Files.isReadable(file)) {
          throw new IllegalStateException("dbplane.crypto.keyset-file " + file + " cannot be read");
        }
        return parse(Files.readString(file), file.toString());
      }
      String json =
          LocalSecretFiles.readOrCreate(generatedFile, Keysets::newKeyset, "encryption keyset",
              "production must supply its own (dbplane.crypto.keyset or dbplane.crypto.keyset-file) and keep it backed up, "
                  + "since without it the stored outputs and tokens cannot be read");
      return parse(json, generatedFile.toString());
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("the encryption keyset cannot be loaded: " + e.getClass().getSimpleName(), e);
    }
  }

  private static KeysetHandle parse(String json, String source) {
    try {
      return TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get());
    } catch (GeneralSecurityException e) {
      // The message of a parse failure may quote key material: name the source only.
      throw new IllegalStateException("the encryption keyset in " + source + " is not a valid Tink JSON keyset");
    }
  }

  private static String newKeyset() {
    try {
      return TinkJsonProtoKeysetFormat.serializeKeyset(
          KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM), InsecureSecretKeyAccess.get());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate a keyset", e);
    }
  }
}
