package dev.dbplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jayway.jsonpath.JsonPath;
import dev.dbplane.support.Manifests;
import dev.dbplane.support.ServiceProcess;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data directory over real processes: its files are the owner's only, a directory that cannot be
 * written stops the start with its path, and a write the storage refuses is a 503 problem.
 *
 * <p>The tests run as root, whom permission bits do not stop; so an unwritable directory is one under
 * a regular file (which fails for root too), and a read-only database is H2 opened with {@code
 * ACCESS_MODE_DATA=r}, which is how H2 opens a database file it cannot write.
 */
class DataDirectoryTests {

  private static final String H2_OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
  private static final String MANIFEST = Manifests.json(Manifests.inProd("orders-db", 2));

  @TempDir Path temp;

  @Test
  void everyFileOfTheDataDirectoryIsTheOwnersOnlyAndAReadOnlyDatabaseRefusesWritesWithAProblem() throws Exception {
    Path data = temp.resolve("data");
    Path log = temp.resolve("service.log");
    String url = "jdbc:h2:file:" + data.resolve("db/dbplane") + H2_OPTIONS;
    try (ServiceProcess service = ServiceProcess.startWithoutKeys(Map.of("dbplane.data-dir", data.toString(), "spring.datasource.url", url), log)) {
      service.stop();
    }
    assertOwnerOnly(data);

    // As an older version left them: readable by all.
    for (Path path : Files.walk(data).toList()) {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(Files.isDirectory(path) ? "rwxr-xr-x" : "rw-r--r--"));
    }
    String key = Files.readString(data.resolve("admin-api-key"), StandardCharsets.UTF_8).trim();
    Map<String, String> readOnly = Map.of("dbplane.data-dir", data.toString(), "spring.datasource.url", url + ";ACCESS_MODE_DATA=r",
        "dbplane.digitalocean.default-token", "token-of-the-tests");
    try (ServiceProcess service = ServiceProcess.startWithoutKeys(readOnly, log)) {
      assertOwnerOnly(data);
      HttpResponse<String> refused = service.api().send(key, "POST", "/api/v1/database-clusters", "application/json", MANIFEST);
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
      assertThat(refused.headers().firstValue("content-type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
      assertThat(JsonPath.<String>read(refused.body(), "$.type")).isEqualTo("urn:dbplane:problem:storage-not-writable");
      assertThat(JsonPath.<String>read(refused.body(), "$.detail")).contains("the database is read-only");
      assertThat(refused.body()).doesNotContain("Exception").doesNotContain("at org.");
    }
  }

  @Test
  void aDataDirectoryThatCannotBeWrittenStopsTheStartNamingIt() throws Exception {
    Path data = regularFile().resolve("data");
    assertRefusedToStart(Map.of("dbplane.data-dir", data.toString()), data);
  }

  @Test
  void aStateDirectoryThatCannotBeWrittenStopsTheStartNamingIt() throws Exception {
    Path state = regularFile().resolve("state");
    assertRefusedToStart(Map.of("dbplane.data-dir", temp.resolve("data").toString(), "dbplane.pulumi.backend-url", "file://" + state), state);
  }

  private void assertRefusedToStart(Map<String, String> properties, Path named) throws IOException {
    Path log = temp.resolve("refused.log");
    assertThatThrownBy(() -> ServiceProcess.start(properties, Map.of(), log).close()).hasMessageContaining("exited");
    assertThat(Files.readString(log)).contains("cannot start: " + named + " cannot be written by this user").contains("Not a directory");
  }

  private Path regularFile() throws IOException {
    return Files.writeString(temp.resolve("a-regular-file"), "not a directory");
  }

  private static void assertOwnerOnly(Path data) throws IOException {
    assertThat(Files.exists(data.resolve("db/dbplane.mv.db"))).isTrue();
    assertThat(Files.exists(data.resolve("keyset.json"))).isTrue();
    assertThat(Files.exists(data.resolve("admin-api-key"))).isTrue();
    for (Path path : Files.walk(data).toList()) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path)))
          .as(path.toString()).isEqualTo(Files.isDirectory(path) ? "rwx------" : "rw-------");
    }
  }
}
