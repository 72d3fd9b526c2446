package dev.dbplane.crypto;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the keyset comes from: given inline (an environment variable from a secret store), from a
 * file, or, on the embedded default only, generated once into the data directory.
 */
final class Keysets {

  private static final Logger log = LoggerFactory.getLogger(Keysets.class);

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
      if (Files.exists(generatedFile)) {
        return parse(Files.readString(generatedFile), generatedFile.toString());
      }
      return generate(generatedFile);
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

  private static KeysetHandle generate(Path file) throws IOException, GeneralSecurityException {
    KeysetHandle keyset = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
    Files.createDirectories(file.getParent());
    String json = TinkJsonProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get());
    Files.writeString(file, json, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      log.warn("could not restrict the permissions of {} on this file system", file);
    }
    log.warn(
        "generated a new encryption keyset in {}; production must supply its own "
            + "(dbplane.crypto.keyset or dbplane.crypto.keyset-file) and keep it backed up, "
            + "since without it stored secrets cannot be read",
        file);
    return keyset;
  }
}
