package dev.dbplane.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real PostgreSQL for the tests, one per test JVM, with a fresh database per caller. In order of
 * preference: the server named by {@code DBPLANE_TEST_POSTGRES_URL} (with {@code _USER} and {@code
 * _PASSWORD}); Debian's PostgreSQL binaries when installed (run as the {@code postgres} user when the
 * tests run as root, since PostgreSQL refuses to run as root); the embedded PostgreSQL from Maven
 * Central. When none can run, the tests fail and say why: they never skip.
 */
public final class TestPostgres {

  public record Database(String url, String user, String password) {}

  private static Server server;

  private record Server(String adminUrl, String user, String password) {}

  private TestPostgres() {}

  /** A new, empty database on the shared server. */
  public static synchronized Database newDatabase() {
    if (server == null) {
      server = start();
    }
    String name = "dbplane_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection connection = DriverManager.getConnection(server.adminUrl(), server.user(), server.password());
        Statement statement = connection.createStatement()) {
      statement.execute("create database " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create a test database on " + server.adminUrl(), e);
    }
    String url = server.adminUrl().replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1");
    return new Database(url, server.user(), server.password());
  }

  /** Points a Spring test context at a new, empty database on the shared server. */
  public static void newDatabaseFor(DynamicPropertyRegistry registry) {
    Database database = newDatabase();
    registry.add("spring.datasource.url", database::url);
    registry.add("spring.datasource.username", database::user);
    registry.add("spring.datasource.password", database::password);
  }

  /** The shared server's admin connection as a libpq URI ({@code postgres://user:password@host:port/db}). */
  public static synchronized String adminUri() {
    if (server == null) {
      server = start();
    }
    String hostAndDb = server.adminUrl().replaceFirst("^jdbc:postgresql://", "").replaceFirst("\\?.*$", "");
    String password = server.password().isEmpty() ? "" : ":" + java.net.URLEncoder.encode(server.password(), java.nio.charset.StandardCharsets.UTF_8);
    return "postgres://" + server.user() + password + "@" + hostAndDb;
  }

  private static Server start() {
    String url = System.getenv("DBPLANE_TEST_POSTGRES_URL");
    if (url != null && !url.isBlank()) {
      return new Server(url, env("DBPLANE_TEST_POSTGRES_USER", "postgres"), env("DBPLANE_TEST_POSTGRES_PASSWORD", ""));
    }
    Optional<Path> debianBin = debianBinaries();
    if (debianBin.isPresent()) {
      return startDebian(debianBin.get());
    }
    if (isRoot()) {
      throw new IllegalStateException(
          "no PostgreSQL for the tests: running as root, where the embedded PostgreSQL cannot start, and no Debian "
              + "PostgreSQL is installed. Install it (apt-get install postgresql) or set DBPLANE_TEST_POSTGRES_URL.");
    }
    try {
      EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> close(embedded)));
      return new Server(embedded.getJdbcUrl("postgres", "postgres"), "postgres", "postgres");
    } catch (IOException e) {
      throw new IllegalStateException("the embedded PostgreSQL did not start", e);
    }
  }

  private static Optional<Path> debianBinaries() {
    File[] versions = new File("/usr/lib/postgresql").listFiles();
    if (versions == null) {
      return Optional.empty();
    }
    return Arrays.stream(versions)
        .map(v -> v.toPath().resolve("bin"))
        .filter(bin -> Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl")))
        .max(Comparator.comparing(Path::toString));
  }

  private static Server startDebian(Path bin) {
    try {
      Path dir = Files.createTempDirectory("dbplane-test-pg");
      Path data = dir.resolve("data");
      int port = freePort();
      boolean root = isRoot();
      if (root) {
        run(List.of("chown", "-R", "postgres:postgres", dir.toString()), false);
      }
      run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync"), root);
      run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("server.log").toString(), "-w", "-t", "60",
          "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200", "start"), root);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "stop"), root);
        } catch (IOException e) {
          // The JVM is ending; the server goes with the machine's temp files.
        }
      }));
      return new Server("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "");
    } catch (IOException e) {
      throw new IllegalStateException("Debian's PostgreSQL in " + bin + " did not start: " + e.getMessage(), e);
    }
  }

  private static void run(List<String> command, boolean asPostgresUser) throws IOException {
    List<String> full = new ArrayList<>();
    if (asPostgresUser) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(command);
    Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    try {
      if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IOException(String.join(" ", full) + " failed: " + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null ? fallback : value;
  }

  private static void close(EmbeddedPostgres embedded) {
    try {
      embedded.close();
    } catch (IOException e) {
      // The JVM is ending.
    }
  }
}
