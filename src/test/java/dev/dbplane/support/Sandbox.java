package dev.dbplane.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseCluster;

/**
 * The real engine for tests: the Pulumi CLI, the sandbox DigitalOcean provider installed as
 * {@code digitalocean} 4.76.0 in a Pulumi home of the tests', and the DigitalOcean API emulator,
 * its PostgreSQL clusters backed by the tests' PostgreSQL server. The build makes the binaries
 * ({@code sandbox/build.sh}, run by Maven); one emulator serves the whole test run.
 *
 * <p>On a machine without Go the binaries cannot be built: the suites then say plainly that they
 * did not run and why (reported as skipped), unless {@code DBPLANE_REQUIRE_REAL_ENGINE=true}, as CI
 * sets it, turns that into a failure.
 */
public final class Sandbox {

  /** The DigitalOcean token the emulator accepts: a marker searched for everywhere after a run. */
  public static final String TOKEN = "dop_v1_5a4d0c0ffee0000000000000000000000000000000000000000000000000001";
  private static final Duration START_WAIT = Duration.ofSeconds(60);

  private static Sandbox started;

  private final Path bin;
  private final Path pulumiHome;
  private final Process emulator;
  private final String endpoint;
  private final HttpClient http = HttpClient.newHttpClient();

  private Sandbox(Path bin, Path pulumiHome, Process emulator, String endpoint) {
    this.bin = bin;
    this.pulumiHome = pulumiHome;
    this.emulator = emulator;
    this.endpoint = endpoint;
  }

  /** The sandbox, started on first use; a test that needs it calls this before anything else. */
  public static synchronized Sandbox require() {
    if (started == null) {
      Path root = root();
      Path bin = root.resolve("bin");
      if (!Files.isExecutable(bin.resolve("pulumi")) || !Files.isExecutable(bin.resolve("do-emulator"))) {
        notAvailable(reason(root));
      }
      try {
        started = start(root, bin);
      } catch (IOException e) {
        throw new IllegalStateException("the sandbox did not start: " + e.getMessage(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while starting the sandbox", e);
      }
    }
    return started;
  }

  /** Where the build leaves the sandbox's binaries (bin/) and the tests their files. */
  static Path root() {
    return Path.of(System.getProperty("dbplane.test.sandbox", "target/sandbox")).toAbsolutePath();
  }

  private static String reason(Path root) {
    Path unavailable = root.resolve("unavailable");
    try {
      return Files.exists(unavailable) ? Files.readString(unavailable).trim()
          : "the real engine's toolchain is not built in " + root.resolve("bin") + " (run: bash sandbox/build.sh --link " + root.resolve("bin") + ")";
    } catch (IOException e) {
      return "the real engine's toolchain is not built";
    }
  }

  static void notAvailable(String why) {
    if ("true".equals(System.getenv("DBPLANE_REQUIRE_REAL_ENGINE"))) {
      throw new IllegalStateException("the real-engine tests must run here (DBPLANE_REQUIRE_REAL_ENGINE=true), but " + why);
    }
    System.out.println("REAL-ENGINE TESTS DID NOT RUN: " + why);
    Assumptions.abort("real-engine tests did not run: " + why);
  }

  private static Sandbox start(Path root, Path bin) throws IOException, InterruptedException {
    Path home = Files.createDirectories(root.resolve("pulumi-home-" + ProcessHandle.current().pid()));
    Path cli = bin.resolve("pulumi");
    ProcessBuilder installer = new ProcessBuilder(cli.toString(), "plugin", "install", "resource", "digitalocean", "4.76.0", "--file",
        bin.resolve("pulumi-resource-digitalocean").toRealPath().toString(), "--reinstall").redirectErrorStream(true);
    installer.environment().put("PULUMI_HOME", home.toString());
    installer.environment().put("PULUMI_SKIP_UPDATE_CHECK", "true");
    Process install = installer.start();
    install.getOutputStream().close();
    String output = new String(install.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!install.waitFor(120, TimeUnit.SECONDS) || install.exitValue() != 0) {
      throw new IOException("installing the sandbox provider failed: " + output);
    }
    Path portFile = root.resolve("emulator-" + ProcessHandle.current().pid() + ".port");
    Files.deleteIfExists(portFile);
    List<String> command = new ArrayList<>(List.of(bin.resolve("do-emulator").toString(), "--listen", "127.0.0.1:0", "--port-file",
        portFile.toString(), "--token", TOKEN, "--name-hold", "5s", "--postgres-url", TestPostgres.adminUri()));
    Process emulator = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(root.resolve("emulator.log").toFile())).start();
    Runtime.getRuntime().addShutdownHook(new Thread(emulator::destroy));
    int port = PortFile.await(emulator, portFile, START_WAIT, root.resolve("emulator.log"));
    return new Sandbox(bin, home, emulator, "http://127.0.0.1:" + port);
  }

  /** The Pulumi home with the sandbox provider installed as digitalocean 4.76.0. */
  public Path pulumiHome() {
    return pulumiHome;
  }

  public Path cli() {
    return bin.resolve("pulumi");
  }

  /** The DigitalOcean API the service is pointed at. */
  public String endpoint() {
    return endpoint;
  }

  /**
   * The service's configuration for the real engine on this sandbox: the CLI, a Pulumi home with the
   * plugin, the emulator, and a provider that polls quickly.
   */
  public Map<String, String> serviceProperties() {
    Map<String, String> properties = new HashMap<>();
    properties.put("dbplane.engine", "pulumi");
    properties.put("dbplane.pulumi.cli", cli().toString());
    properties.put("dbplane.pulumi.home", pulumiHome.toString());
    properties.put("dbplane.pulumi.digitalocean-api-endpoint", endpoint);
    properties.put("dbplane.pulumi.environment.DIGITALOCEAN_SANDBOX_POLL_INTERVAL", "200ms");
    properties.put("dbplane.pulumi.environment.DIGITALOCEAN_SANDBOX_RETRY_WAIT_MIN", "100ms");
    return properties;
  }

  /** A stack input for a PostgreSQL cluster on this sandbox, with its token. */
  public static String stackInput(String name, int nodes) {
    return stackInput(Manifests.inProd(name, nodes).build());
  }

  /** A stack input of this manifest, with the sandbox's token. */
  public static String stackInput(DigitalOceanDatabaseCluster target) {
    return Manifests.json(Manifests.stackInput(target, TOKEN));
  }

  // --- the emulator's control API: what DigitalOcean holds, changed behind the service's back

  public String databases() throws IOException, InterruptedException {
    return control("GET", "/_emulator/databases", null);
  }

  /** The one cluster of this name at DigitalOcean, as JSON. */
  public String cluster(String name) throws IOException, InterruptedException {
    List<Map<String, Object>> found = JsonPath.read(databases(), "$[?(@.name == '" + name + "')]");
    assertThat(found).as("clusters named " + name + " at DigitalOcean").hasSize(1);
    return JsonPath.parse(found.get(0)).jsonString();
  }

  /** The names of the clusters at DigitalOcean, a name once for each cluster of it. */
  public List<String> clusterNames() throws IOException, InterruptedException {
    return JsonPath.read(databases(), "$[*].name");
  }

  /** Waits until DigitalOcean has a cluster of this name: the create of it is under way there. */
  public void awaitCluster(String name, Duration limit) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(limit);
    while (!clusterNames().contains(name)) {
      assertThat(Instant.now()).as("the create of " + name + " reached DigitalOcean").isBefore(deadline);
      Thread.sleep(100);
    }
  }

  public void changeBehindTheServicesBack(String clusterId, String json) throws IOException, InterruptedException {
    control("PATCH", "/_emulator/databases/" + clusterId, json);
  }

  public void deleteBehindTheServicesBack(String clusterId) throws IOException, InterruptedException {
    control("DELETE", "/_emulator/databases/" + clusterId, null);
  }

  /** A fault, as the emulator takes it: {@code {"method", "path", "count", "status"|"delay"}}. */
  public void inject(String fault) throws IOException, InterruptedException {
    control("POST", "/_emulator/faults", fault);
  }

  public void clearFaults() throws IOException, InterruptedException {
    control("DELETE", "/_emulator/faults", null);
  }

  public void settings(String json) throws IOException, InterruptedException {
    control("PUT", "/_emulator/settings", json);
  }

  public String requests() throws IOException, InterruptedException {
    return control("GET", "/_emulator/requests", null);
  }

  /** A DigitalOcean API call as anyone with the token could make it (a cluster made by hand). */
  public HttpResponse<String> digitalocean(String method, String path, String json) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint + path)).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + TOKEN);
    request.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private String control(String method, String path, String json) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint + path)).timeout(Duration.ofSeconds(30));
    request.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  /**
   * The Pulumi CLIs and plugins of this sandbox's Pulumi home that are still running (zombies
   * excluded: an init that does not reap is not the service's doing).
   */
  public List<String> pulumiProcesses() {
    return ProcessHandle.allProcesses()
        .filter(p -> !zombie(p.pid()))
        .filter(p -> p.info().commandLine().map(c -> c.contains(pulumiHome.toString())).orElse(false) || environment(p.pid()).contains(
            "PULUMI_HOME=" + pulumiHome))
        .map(p -> p.pid() + " " + p.info().commandLine().orElse(""))
        .toList();
  }

  private static boolean zombie(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
    } catch (IOException | RuntimeException e) {
      return true; // gone
    }
  }

  private static String environment(long pid) {
    try {
      return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ")), StandardCharsets.UTF_8).replace('\0', '\n');
    } catch (IOException e) {
      return "";
    }
  }
}
