package dev.dbplane.cluster.verification;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocketFactory;
import org.bson.Document;

/** How one engine is asked whether it answers, and its version. */
enum EngineProbe {
  POSTGRESQL("SELECT version()") {
    @Override
    String serverVersion(URI uri, Duration within) throws SQLException {
      int seconds = (int) Math.max(1, within.toSeconds());
      Properties settings = credentials(uri);
      settings.setProperty("connectTimeout", String.valueOf(seconds));
      settings.setProperty("socketTimeout", String.valueOf(seconds));
      String version = versionOver("jdbc:postgresql://" + uri.getHost() + ":" + uri.getPort() + uri.getRawPath() + parameters(uri), settings);
      // "PostgreSQL 16.4 (Debian ...) on x86_64-pc-linux-gnu, compiled by ...": the server, not the build.
      int on = version.indexOf(" on ");
      return on < 0 ? version : version.substring(0, on);
    }
  },
  MYSQL("SELECT version()") {
    @Override
    String serverVersion(URI uri, Duration within) throws SQLException {
      Properties settings = credentials(uri);
      settings.setProperty("connectTimeout", String.valueOf(within.toMillis()));
      settings.setProperty("socketTimeout", String.valueOf(within.toMillis()));
      // DigitalOcean's URI says ssl-mode=REQUIRED; the driver's own name for it is sslMode.
      String sslMode = parameters(uri).contains("ssl-mode=REQUIRED") ? "?sslMode=REQUIRED" : "";
      return "MySQL " + versionOver("jdbc:mysql://" + uri.getHost() + ":" + uri.getPort() + uri.getRawPath() + sslMode, settings);
    }
  },
  /** Redis and Valkey speak the same protocol; rediss is over TLS, as DigitalOcean serves them. */
  REDIS("PING") {
    @Override
    String serverVersion(URI uri, Duration within) throws IOException {
      int millis = (int) within.toMillis();
      try (Socket socket = "rediss".equals(uri.getScheme()) ? SSLSocketFactory.getDefault().createSocket() : new Socket()) {
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), millis);
        socket.setSoTimeout(millis);
        OutputStream out = socket.getOutputStream();
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        String[] user = userInfo(uri);
        if (user.length == 2) {
          out.write(command("AUTH", user[0], user[1]));
          expect(in.readLine(), "+OK", "AUTH");
        }
        out.write(command("PING"));
        expect(in.readLine(), "+PONG", "PING");
        out.write(command("INFO", "server"));
        return versionIn(in);
      }
    }
  },
  /** A hello says the server answers (and how it sees the client); buildInfo says which server it is. */
  MONGODB("hello") {
    @Override
    String serverVersion(URI uri, Duration within) {
      long millis = within.toMillis();
      MongoClientSettings settings = MongoClientSettings.builder()
          .applyConnectionString(new ConnectionString(uri.toString()))
          .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(millis, TimeUnit.MILLISECONDS))
          .applyToSocketSettings(socket -> socket.connectTimeout((int) millis, TimeUnit.MILLISECONDS).readTimeout((int) millis, TimeUnit.MILLISECONDS))
          .build();
      try (MongoClient client = MongoClients.create(settings)) {
        MongoDatabase admin = client.getDatabase("admin");
        admin.runCommand(new Document("hello", 1));
        return "MongoDB " + admin.runCommand(new Document("buildInfo", 1)).getString("version");
      }
    }
  };

  private final String query;

  EngineProbe(String query) {
    this.query = query;
  }

  /** What the engine is asked. */
  String query() {
    return query;
  }

  /** Connects with the URI, asks, and returns the server's version; throws when it does not answer. */
  abstract String serverVersion(URI uri, Duration within) throws Exception;

  /** The probe of a DigitalOcean engine slug; none for an engine the service does not know. */
  static Optional<EngineProbe> of(String engine) {
    return switch (engine) {
      case "pg" -> Optional.of(POSTGRESQL);
      case "mysql" -> Optional.of(MYSQL);
      case "redis", "valkey" -> Optional.of(REDIS);
      case "mongodb" -> Optional.of(MONGODB);
      default -> Optional.empty();
    };
  }

  private static String versionOver(String jdbcUrl, Properties settings) throws SQLException {
    try (Connection connection = DriverManager.getConnection(jdbcUrl, settings);
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT version()")) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static String parameters(URI uri) {
    return uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
  }

  private static Properties credentials(URI uri) {
    String[] user = userInfo(uri);
    Properties settings = new Properties();
    settings.setProperty("user", user[0]);
    if (user.length == 2) {
      settings.setProperty("password", user[1]);
    }
    return settings;
  }

  private static String[] userInfo(URI uri) {
    String raw = uri.getRawUserInfo() == null ? "" : uri.getRawUserInfo();
    String[] parts = raw.split(":", 2);
    for (int i = 0; i < parts.length; i++) {
      parts[i] = URLDecoder.decode(parts[i], StandardCharsets.UTF_8);
    }
    return parts;
  }

  /** A command in the protocol's array form, which takes any bytes in its arguments. */
  private static byte[] command(String... words) {
    StringBuilder command = new StringBuilder("*").append(words.length).append("\r\n");
    for (String word : words) {
      command.append('$').append(word.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(word).append("\r\n");
    }
    return command.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void expect(String line, String wanted, String command) throws IOException {
    if (!wanted.equals(line)) {
      // An error line says why ("-WRONGPASS ..."), and holds no secret.
      throw new IOException(command + " was answered " + (line == null ? "with nothing" : line));
    }
  }

  /** The version in an INFO answer: a bulk string of "key:value" lines. */
  private static String versionIn(BufferedReader in) throws IOException {
    String header = in.readLine();
    if (header == null || !header.startsWith("$")) {
      throw new IOException("INFO was answered " + header);
    }
    String redis = null;
    for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
      if (line.startsWith("valkey_version:")) {
        return "Valkey " + line.substring("valkey_version:".length()).trim();
      }
      if (line.startsWith("redis_version:")) {
        redis = "Redis " + line.substring("redis_version:".length()).trim();
      }
    }
    if (redis == null) {
      throw new IOException("INFO named no version");
    }
    return redis;
  }
}
