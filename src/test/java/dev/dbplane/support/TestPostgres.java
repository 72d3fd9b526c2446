package dev.dbplane.support;

import dev.dbplane.support.TestServerSources.Way;
import dev.dbplane.support.TestServerSources.Source;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
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
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A real PostgreSQL for the tests, one per test JVM, with a fresh database per caller. In order of
 * preference (see {@link TestServerSources}; {@code DBPLANE_TEST_POSTGRES=url|container|local|embedded}
 * forces one): the server named by {@code DBPLANE_TEST_POSTGRES_URL} (with {@code _USER} and {@code
 * _PASSWORD}); a container when a Docker engine is reachable; Debian's PostgreSQL binaries when installed
 * (run as the {@code postgres} user when the tests run as root, since PostgreSQL refuses to run as root);
 * the embedded PostgreSQL from Maven Central. The first caller prints which. When none can run, the tests
 * fail and say why: they never skip.
 */
public final class TestPostgres {

  public record Database(String url, String user, String password) {}

  /**
   * The container's PostgreSQL: the major version of Debian 12's, the local way CI runs (the embedded binaries are
   * still 14).
   */
  static final int MAJOR_VERSION = 15;

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
    Map<String, String> env = System.getenv();
    Optional<Path> debianBin = debianBinaries();
    TestServerSources.Choice choice = TestServerSources.choose("PostgreSQL", "DBPLANE_TEST_POSTGRES", env,
        () -> DockerClientFactory.instance().isDockerAvailable(), List.of(
            new Way(Source.LOCAL, debianBin::isPresent, "no Debian PostgreSQL is installed (apt-get install postgresql)"),
            new Way(Source.EMBEDDED, () -> !isRoot(), "the tests run as root, where the embedded PostgreSQL cannot start")));
    System.out.println("PostgreSQL for the tests: " + choice.summary());
    return switch (choice.source()) {
      case URL -> new Server(env.get("DBPLANE_TEST_POSTGRES_URL"), env("DBPLANE_TEST_POSTGRES_USER", "postgres"),
          env("DBPLANE_TEST_POSTGRES_PASSWORD", ""));
      case CONTAINER -> startContainer();
      case LOCAL -> startDebian(debianBin.orElseThrow());
      case EMBEDDED -> startEmbedded();
    };
  }

  /**
   * PostgreSQL in a container, with the settings the Debian way starts its server with. Not started, so that
   * Testcontainers' Jupiter extension can start it too ({@link TestPostgresContainerTest}).
   */
  static PostgreSQLContainer container() {
    return new PostgreSQLContainer(DockerImageName.parse("postgres:" + MAJOR_VERSION))
        .withDatabaseName("postgres")
        .withUsername("postgres")
        .withPassword("postgres")
        .withCommand("postgres", "-c", "fsync=off", "-c", "max_connections=200");
  }

  // One container for the whole test JVM, like the other ways' one server: Testcontainers' reaper removes it when
  // the JVM ends, so it is neither stopped per suite nor left behind.
  private static Server startContainer() {
    PostgreSQLContainer postgres = container();
    postgres.start();
    return new Server(postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword());
  }

  private static Server startEmbedded() {
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
      int port = FreePorts.take();
      boolean root = isRoot();
      // Connections over TCP prove their password, as DigitalOcean's do: a test that connects with a
      // wrong or an old password is refused, not let in.
      String password = "pg-" + UUID.randomUUID();
      Path passwordFile = Files.writeString(dir.resolve("password"), password);
      if (root) {
        run(List.of("chown", "-R", "postgres:postgres", dir.toString()), false);
      }
      run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres", "--auth-local=trust",
          "--auth-host=scram-sha-256", "--pwfile=" + passwordFile, "-E", "UTF8", "--no-sync"), root);
      Files.delete(passwordFile);
      run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("server.log").toString(), "-w", "-t", "60",
          "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200", "start"), root);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "stop"), root);
        } catch (IOException e) {
          // The JVM is ending; the server goes with the machine's temp files.
        }
      }));
      return new Server("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", password);
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
