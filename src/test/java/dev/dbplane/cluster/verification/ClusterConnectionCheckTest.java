package dev.dbplane.cluster.verification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbplane.cluster.ClusterSpec;
import dev.dbplane.engine.StackName;
import dev.dbplane.engine.Verification;
import dev.dbplane.support.FreePorts;
import dev.dbplane.support.TestMongo;
import dev.dbplane.support.TestPostgres;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The check after an UP, against real servers: the tests' PostgreSQL, a port nothing listens on, a
 * server that never answers, a server speaking the Redis protocol, and FerretDB speaking MongoDB's.
 */
class ClusterConnectionCheckTest {

  private static final Duration WITHIN = Duration.ofSeconds(2);

  private final ClusterConnectionCheck check = new ClusterConnectionCheck(WITHIN, Clock.systemUTC());
  private final List<AutoCloseable> servers = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() throws Exception {
    check.close();
    for (AutoCloseable server : servers) {
      server.close();
    }
  }

  @Test
  void aPostgreSqlClusterThatAnswersSaysItsVersion() {
    TestPostgres.Database database = TestPostgres.newDatabase();
    String hostAndDb = database.url().replaceFirst("^jdbc:postgresql://", "");
    String uri = "postgresql://" + database.user() + ":" + URLEncoder.encode(database.password(), StandardCharsets.UTF_8) + "@" + hostAndDb;

    Verification verification = check.check(cluster("pg"), Map.of("connection_uri", uri)).orElseThrow();

    assertThat(verification.answered()).isTrue();
    assertThat(verification.check()).isEqualTo("SELECT version()");
    assertThat(verification.serverVersion()).startsWith("PostgreSQL 1").doesNotContain(" on ");
    assertThat(verification.detail()).startsWith("the cluster answered SELECT version() at 127.0.0.1:");
  }

  @Test
  void aWrongPasswordIsRefusedAndSaidWithoutThePassword() {
    TestPostgres.Database database = TestPostgres.newDatabase();
    String hostAndDb = database.url().replaceFirst("^jdbc:postgresql://", "");

    Verification verification =
        check.check(cluster("pg"), Map.of("connection_uri", "postgresql://" + database.user() + ":pw-WRONG-MARKER@" + hostAndDb)).orElseThrow();

    assertThat(verification.answered()).isFalse();
    assertThat(verification.serverVersion()).isNull();
    assertThat(verification.detail()).contains("password authentication failed", "provisioned all the same").doesNotContain("pw-WRONG-MARKER");
  }

  @Test
  void aClusterNothingListensForDidNotAnswer() throws Exception {
    int port = FreePorts.take();

    Verification verification = check.check(cluster("mysql"), Map.of("connection_uri", "mysql://doadmin:pw@127.0.0.1:" + port + "/defaultdb")).orElseThrow();

    assertThat(verification.answered()).isFalse();
    assertThat(verification.detail()).startsWith("the cluster did not answer SELECT version() at 127.0.0.1:" + port);
  }

  @Test
  void aClusterThatNeverAnswersIsGivenUpOnWithinTheBound() throws Exception {
    ServerSocket silent = listening();
    servers.add(silent);
    Instant started = Instant.now();

    Verification verification =
        check.check(cluster("pg"), Map.of("connection_uri", "postgresql://doadmin:pw@127.0.0.1:" + silent.getLocalPort() + "/defaultdb")).orElseThrow();

    assertThat(verification.answered()).isFalse();
    assertThat(Duration.between(started, Instant.now())).isLessThan(WITHIN.multipliedBy(3));
  }

  @Test
  void aRedisOrValkeyClusterIsAskedPingAfterItsCredentialsAndSaysItsVersion() throws Exception {
    List<String> heard = new CopyOnWriteArrayList<>();
    ServerSocket server = redisLike(heard, "+OK");
    servers.add(server);

    Verification verification =
        check.check(cluster("valkey"), Map.of("connection_uri", "redis://default:pw-secret@127.0.0.1:" + server.getLocalPort())).orElseThrow();

    assertThat(verification.answered()).as(verification.detail()).isTrue();
    assertThat(verification.check()).isEqualTo("PING");
    assertThat(verification.serverVersion()).isEqualTo("Valkey 8.0.1");
    assertThat(heard).containsExactly("AUTH", "PING", "INFO");
  }

  @Test
  void aRedisClusterThatRefusesTheCredentialsSaysSo() throws Exception {
    ServerSocket server = redisLike(new CopyOnWriteArrayList<>(), "-WRONGPASS invalid username-password pair");
    servers.add(server);

    Verification verification =
        check.check(cluster("redis"), Map.of("connection_uri", "redis://default:pw-secret@127.0.0.1:" + server.getLocalPort())).orElseThrow();

    assertThat(verification.answered()).isFalse();
    assertThat(verification.detail()).contains("AUTH was answered -WRONGPASS").doesNotContain("pw-secret");
  }

  @Test
  void whatHasNothingToConnectToIsNotChecked() {
    assertThat(check.check(cluster("pg"), Map.of("cluster_id", "id"))).isEqualTo(Optional.empty());
  }

  @Test
  void aMongoDbClusterThatAnswersHelloSaysItsVersion() {
    String server = TestMongo.uri();

    Verification verification = check.check(cluster("mongodb"), Map.of("connection_uri", server + "/admin")).orElseThrow();

    assertThat(verification.answered()).as(verification.detail()).isTrue();
    assertThat(verification.check()).isEqualTo("hello");
    assertThat(verification.serverVersion()).matches("MongoDB [0-9]+\\.[0-9]+.*");
    assertThat(verification.detail()).startsWith("the cluster answered hello at 127.0.0.1:");
  }

  @Test
  void aMongoDbClusterThatRefusesTheCredentialsSaysSoWithoutThePassword() {
    // This FerretDB takes no credentials: the driver's login as DigitalOcean's doadmin is refused.
    String uri = TestMongo.uri().replace("mongodb://", "mongodb://doadmin:pw-secret@") + "/admin?authSource=admin";

    Verification verification = check.check(cluster("mongodb"), Map.of("connection_uri", uri)).orElseThrow();

    assertThat(verification.answered()).isFalse();
    assertThat(verification.detail()).contains("MongoSecurityException", "userName='doadmin'").doesNotContain("pw-secret");
  }

  @Test
  void aMongoDbClusterWhoseHostsAreNotFoundIsSaidNotToAnswerWithoutThePassword() {
    Verification verification = check.check(cluster("mongodb"),
        Map.of("connection_uri", "mongodb+srv://doadmin:pw-secret@nowhere.invalid/admin?tls=true&authSource=admin")).orElseThrow();

    assertThat(verification.answered()).isFalse();
    assertThat(verification.check()).isEqualTo("hello");
    assertThat(verification.detail()).startsWith("the cluster did not answer hello at nowhere.invalid (").doesNotContain("pw-secret");
  }

  private static ClusterSpec cluster(String engine) {
    return new ClusterSpec("orders-db", engine, "16", "nyc3", "db-s-1vcpu-1gb", 1, null, null, List.of(), false,
        new StackName("organization", "dbplane", "prod.orders-db"));
  }

  private static ServerSocket listening() throws Exception {
    return new ServerSocket(0);
  }

  /** A server that answers AUTH with {@code authAnswer}, PING with PONG and INFO with a Valkey's server section. */
  private static ServerSocket redisLike(List<String> heard, String authAnswer) throws Exception {
    ServerSocket server = new ServerSocket(0);
    Thread serving = new Thread(() -> {
      try (Socket client = server.accept()) {
        BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
        OutputStream out = client.getOutputStream();
        while (true) {
          String header = in.readLine();
          if (header == null) {
            return;
          }
          int words = Integer.parseInt(header.substring(1));
          String[] command = new String[words];
          for (int i = 0; i < words; i++) {
            in.readLine();
            command[i] = in.readLine();
          }
          heard.add(command[0]);
          String answer = switch (command[0]) {
            case "AUTH" -> authAnswer + "\r\n";
            case "PING" -> "+PONG\r\n";
            default -> {
              String info = "# Server\r\nredis_version:7.2.4\r\nvalkey_version:8.0.1\r\n";
              yield "$" + info.length() + "\r\n" + info + "\r\n";
            }
          };
          out.write(answer.getBytes(StandardCharsets.UTF_8));
          out.flush();
        }
      } catch (Exception e) {
        // The check hung up.
      }
    });
    serving.setDaemon(true);
    serving.start();
    return server;
  }
}
