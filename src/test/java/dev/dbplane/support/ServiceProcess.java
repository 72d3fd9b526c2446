package dev.dbplane.support;

import dev.dbplane.DbplaneApplication;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A running {@link ServiceProcessMain}, reached over HTTP on its own port. */
public final class ServiceProcess implements AutoCloseable {

  private final Process process;
  private final int port;
  private final ApiClient api;
  private final HttpClient http = HttpClient.newHttpClient();

  private ServiceProcess(Process process, int port) {
    this.process = process;
    this.port = port;
    this.api = new ApiClient(port);
  }

  public ApiClient api() {
    return api;
  }

  public long pid() {
    return process.pid();
  }

  public int port() {
    return port;
  }

  /** The properties that put a service process on this database, with its files in {@code dataDir}. */
  public static Map<String, String> on(TestPostgres.Database database, Path dataDir, Map<String, String> more) {
    Map<String, String> properties = new java.util.HashMap<>(more);
    properties.putAll(TestKeys.PROPERTIES);
    properties.put("spring.datasource.url", database.url());
    properties.put("spring.datasource.username", database.user());
    properties.put("spring.datasource.password", database.password());
    properties.put("dbplane.data-dir", dataDir.toString());
    properties.put("dbplane.catalog.end-of-life-as-of", Manifests.END_OF_LIFE_AS_OF.toString());
    return properties;
  }

  /** Starts the service with these properties and waits until it answers. */
  public static ServiceProcess start(Map<String, String> properties, Map<String, String> systemProperties, Path log)
      throws IOException, InterruptedException {
    return start(ServiceProcessMain.class.getName(), properties, systemProperties, log, true, true);
  }

  /** Starts the service itself, with its real engine, as it runs in production. */
  public static ServiceProcess startReal(Map<String, String> properties, Path log) throws IOException, InterruptedException {
    return start(DbplaneApplication.class.getName(), properties, Map.of(), log, true, true);
  }

  /** Starts the service itself, with its real engine, and waits until it answers, ready or not. */
  public static ServiceProcess startRealUnready(Map<String, String> properties, Path log) throws IOException, InterruptedException {
    return start(DbplaneApplication.class.getName(), properties, Map.of(), log, true, false);
  }

  /**
   * Starts the service itself as a person does: its real engine and no API key configured, not even
   * the tests', so that the first start writes its admin key into the data directory.
   */
  public static ServiceProcess startRealWithoutKeys(Map<String, String> properties, Path log) throws IOException, InterruptedException {
    return start(DbplaneApplication.class.getName(), properties, Map.of(), log, false, true);
  }

  /** Starts the service with no API key configured, not even the tests' (which the build passes). */
  public static ServiceProcess startWithoutKeys(Map<String, String> properties, Path log) throws IOException, InterruptedException {
    return start(ServiceProcessMain.class.getName(), properties, Map.of(), log, false, true);
  }

  private static ServiceProcess start(
      String mainClass, Map<String, String> properties, Map<String, String> systemProperties, Path log, boolean keys, boolean ready)
      throws IOException, InterruptedException {
    int port = FreePorts.take();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    systemProperties.forEach((k, v) -> command.add("-D" + k + "=" + v));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    command.add("--server.port=" + port);
    properties.forEach((k, v) -> command.add("--" + k + "=" + v));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    if (!keys) {
      builder.environment().keySet().removeIf(name -> name.startsWith("DBPLANE_SECURITY_APIKEYS_"));
    }
    Process process = builder.start();
    ServiceProcess service = new ServiceProcess(process, port);
    service.awaitUp(Duration.ofSeconds(90), log, ready);
    return service;
  }

  public HttpResponse<String> send(String method, String path, String contentType, String body) throws IOException, InterruptedException {
    return api.send(method, path, contentType, body);
  }

  public HttpResponse<String> sendAs(String key, String method, String path) throws IOException, InterruptedException {
    return api.send(key, method, path, null, null);
  }

  public HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return api.get(path);
  }

  /** Stops the process as an orchestrator would (SIGTERM), and waits until it has exited. */
  public void stop() throws InterruptedException {
    process.destroy();
    process.waitFor(90, java.util.concurrent.TimeUnit.SECONDS);
  }

  /** Kills the process at once, as a crash would: no shutdown hook, no graceful stop. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill();
    }
  }

  /** Waits until the service answers its health probe: healthy, or, unless {@code ready}, unhealthy too (503). */
  private void awaitUp(Duration limit, Path log, boolean ready) throws InterruptedException, IOException {
    Instant deadline = Instant.now().plus(limit);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the service process exited with " + process.exitValue() + "; see " + log);
      }
      try {
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).timeout(Duration.ofSeconds(10)).build();
        int status = http.send(health, HttpResponse.BodyHandlers.ofString()).statusCode();
        if (status == 200 || (!ready && status == 503)) {
          return;
        }
      } catch (IOException e) {
        // Not listening yet.
      }
      Thread.sleep(200);
    }
    kill();
    throw new IllegalStateException("the service process did not answer within " + limit + "; see " + log);
  }
}
