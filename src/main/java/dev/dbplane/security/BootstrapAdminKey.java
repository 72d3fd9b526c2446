package dev.dbplane.security;

import dev.dbplane.config.DbplaneProperties;
import dev.dbplane.crypto.LocalSecretFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * The embedded default must not run open: on a first start with no key at all, an admin key is
 * created and written, readable by the owner only, into the data directory; the log says where.
 */
@Component
class BootstrapAdminKey implements ApplicationRunner {

  static final String FILE = "admin-api-key";

  private final ApiKeyService keys;
  private final DbplaneProperties properties;

  BootstrapAdminKey(ApiKeyService keys, DbplaneProperties properties) {
    this.keys = keys;
    this.properties = properties;
  }

  @Override
  public void run(ApplicationArguments args) throws Exception {
    if (!properties.security().bootstrapAdminKey() || keys.anyExists()) {
      return;
    }
    Path file = properties.dataDir().resolve(FILE);
    // No key exists, so a file left from an earlier database holds no valid key.
    Files.deleteIfExists(file);
    LocalSecretFiles.readOrCreate(file, () -> keys.create("bootstrap admin", EnumSet.of(Role.ADMIN), "bootstrap").value(),
        "first admin API key",
        "send it as X-API-Key (or Authorization: Bearer), create the keys people and portals need with it "
            + "(POST /api/v1/admin/api-keys, or dbplane.security.api-keys), then delete the file");
  }
}
