package dev.dbplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.jayway.jsonpath.JsonPath;
import dev.dbplane.support.ServiceProcess;
import dev.dbplane.support.TestPostgres;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The keyset at start-up: with the one the secrets were stored with the service starts; with
 * another, it refuses to start and says why, rather than lose the secrets. And the embedded default
 * does not run open: with no key at all it creates an admin key into the data directory.
 */
class KeysetAtStartupTests {

  @Test
  void aServiceWithAnotherKeysetRefusesToStartAndSaysWhy() throws Exception {
    AeadConfig.register();
    TestPostgres.Database database = TestPostgres.newDatabase();
    Path dataDir = Files.createTempDirectory("dbplane-keyset");
    Path log = dataDir.resolve("service.log");
    Map<String, String> first = new HashMap<>(ServiceProcess.on(database, dataDir, Map.of()));
    first.put("dbplane.crypto.keyset", keyset());
    try (ServiceProcess service = ServiceProcess.start(first, Map.of(), log)) {
      HttpResponse<String> created = service.send("POST", "/api/v1/database-clusters", "application/json",
          ServiceContract.stackInput("keyset-" + UUID.randomUUID().toString().substring(0, 8), 2, 0));
      assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
      assertThat((String) JsonPath.read(created.body(), "$.clusterId")).isNotBlank();
    }
    Map<String, String> second = new HashMap<>(first);
    second.put("dbplane.crypto.keyset", keyset());
    assertThatThrownBy(() -> ServiceProcess.start(second, Map.of(), log)).isInstanceOf(IllegalStateException.class);
    assertThat(Files.readString(log)).contains("the configured encryption keyset cannot decrypt the secrets stored in this database");
  }

  @Test
  void withNoKeyAtAllTheFirstStartCreatesAnAdminKeyIntoTheDataDirectory() throws Exception {
    TestPostgres.Database database = TestPostgres.newDatabase();
    Path dataDir = Files.createTempDirectory("dbplane-bootstrap");
    Map<String, String> properties = new HashMap<>();
    properties.put("spring.datasource.url", database.url());
    properties.put("spring.datasource.username", database.user());
    properties.put("spring.datasource.password", database.password());
    properties.put("dbplane.data-dir", dataDir.toString());
    properties.put("dbplane.security.api-keys", "");
    try (ServiceProcess service = ServiceProcess.startWithoutKeys(properties, dataDir.resolve("service.log"))) {
      Path file = dataDir.resolve("admin-api-key");
      assertThat(file).exists();
      String key = Files.readString(file).trim();
      assertThat(key).startsWith("dbp_");
      assertThat(service.send("GET", "/api/v1/admin/api-keys", null, null).statusCode()).isEqualTo(401);
      assertThat(service.sendAs(key, "GET", "/api/v1/admin/api-keys").statusCode()).isEqualTo(200);
      assertThat(Files.readString(dataDir.resolve("service.log"))).contains(file.toString()).doesNotContain(key);
    }
  }

  private static String keyset() throws Exception {
    return TinkJsonProtoKeysetFormat.serializeKeyset(KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM), InsecureSecretKeyAccess.get());
  }
}
