package dev.dbplane.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.KeyStatus;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TinkSecretBoxTest {

  private static final byte[] SECRET = "dop_v1_rotation-test".getBytes(StandardCharsets.UTF_8);

  @BeforeAll
  static void register() throws Exception {
    AeadConfig.register();
  }

  private static KeysetHandle newKeyset() throws Exception {
    return KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
  }

  /** The old keyset with a new key added and made primary: what rotation looks like. */
  private static KeysetHandle rotated(KeysetHandle old) throws Exception {
    KeysetHandle.Builder builder = KeysetHandle.newBuilder(old);
    builder.addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM).withRandomId().setStatus(KeyStatus.ENABLED));
    KeysetHandle added = builder.build();
    KeysetHandle.Builder primary = KeysetHandle.newBuilder(added);
    primary.getAt(primary.size() - 1).makePrimary();
    return primary.build();
  }

  @Test
  void aSecretOpensOnlyInTheContextItWasSealedFor() throws Exception {
    SecretBox box = new TinkSecretBox(newKeyset());
    byte[] sealed = box.seal(SECRET, "cluster-credentials:a");
    assertThat(sealed).isNotEqualTo(SECRET);
    assertThat(box.open(sealed, "cluster-credentials:a")).isEqualTo(SECRET);
    assertThatThrownBy(() -> box.open(sealed, "cluster-credentials:b")).isInstanceOf(UnreadableSecretException.class)
        .hasMessageNotContaining("dop_v1");
  }

  @Test
  void aRotatedKeysetOpensOldSecretsAndSealsNewOnesWithTheNewPrimary() throws Exception {
    KeysetHandle old = newKeyset();
    byte[] sealedBefore = new TinkSecretBox(old).seal(SECRET, "c");
    KeysetHandle rotated = rotated(old);
    SecretBox box = new TinkSecretBox(rotated);
    assertThat(box.open(sealedBefore, "c")).isEqualTo(SECRET);
    byte[] sealedAfter = box.seal(SECRET, "c");
    assertThatThrownBy(() -> new TinkSecretBox(old).open(sealedAfter, "c")).isInstanceOf(UnreadableSecretException.class);
  }

  @Test
  void anotherKeysetOpensNothing() throws Exception {
    byte[] sealed = new TinkSecretBox(newKeyset()).seal(SECRET, "c");
    assertThatThrownBy(() -> new TinkSecretBox(newKeyset()).open(sealed, "c")).isInstanceOf(UnreadableSecretException.class);
  }

  @Test
  void theEmbeddedDefaultGeneratesAKeysetOnceReadableByItsOwnerOnly(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("keyset.json");
    KeysetHandle first = Keysets.load(null, null, file);
    assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    KeysetHandle again = Keysets.load(null, null, file);
    byte[] sealed = new TinkSecretBox(first).seal(SECRET, "c");
    assertThat(new TinkSecretBox(again).open(sealed, "c")).isEqualTo(SECRET);
  }

  @Test
  void aKeysetGivenInlineWinsAndABrokenOneIsAClearError(@TempDir Path dir) throws Exception {
    String json = TinkJsonProtoKeysetFormat.serializeKeyset(newKeyset(), InsecureSecretKeyAccess.get());
    assertThat(Keysets.load(json, null, dir.resolve("unused.json"))).isNotNull();
    assertThat(dir.resolve("unused.json")).doesNotExist();
    assertThatThrownBy(() -> Keysets.load("{\"not\": \"a keyset\"}", null, dir.resolve("unused.json")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("dbplane.crypto.keyset is not a valid Tink JSON keyset");
    assertThatThrownBy(() -> Keysets.load(null, dir.resolve("missing.json"), dir.resolve("unused.json")))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot be read");
  }
}
