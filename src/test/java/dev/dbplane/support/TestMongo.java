package dev.dbplane.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A server of MongoDB's wire protocol for the tests: FerretDB (on SQLite), built from its Go module
 * with the sandbox (sandbox/build.sh), started once per test JVM on a free port of 127.0.0.1. It
 * answers {@code hello} and {@code buildInfo} as MongoDB does; the tests need no MongoDB install.
 */
public final class TestMongo {

  private static final Duration START_WAIT = Duration.ofSeconds(30);
  private static String started;

  private TestMongo() {}

  /** {@code mongodb://127.0.0.1:PORT}: the server, started on first use. */
  public static synchronized String uri() {
    if (started == null) {
      Path root = Sandbox.root();
      Path ferretdb = root.resolve("bin/ferretdb");
      if (!Files.isExecutable(ferretdb)) {
        Sandbox.notAvailable("FerretDB is not built in " + ferretdb.getParent() + " (run: bash sandbox/build.sh --link " + ferretdb.getParent() + ")");
      }
      try {
        started = start(root, ferretdb);
      } catch (IOException e) {
        throw new IllegalStateException("FerretDB did not start: " + e.getMessage(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while starting FerretDB", e);
      }
    }
    return started;
  }

  private static String start(Path root, Path ferretdb) throws IOException, InterruptedException {
    Path dir = Files.createDirectories(root.resolve("ferretdb-" + ProcessHandle.current().pid()));
    Path data = Files.createDirectories(dir.resolve("data"));
    int port = FreePorts.take();
    Path log = dir.resolve("ferretdb.log");
    Process server = new ProcessBuilder(List.of(ferretdb.toString(), "--handler=sqlite", "--sqlite-url=file:" + data + "/",
        "--listen-addr=127.0.0.1:" + port, "--state-dir=" + dir, "--telemetry=disable", "--log-level=warn",
        "--debug-addr=-"))
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    Runtime.getRuntime().addShutdownHook(new Thread(server::destroy));
    Instant deadline = Instant.now().plus(START_WAIT);
    while (true) {
      try (Socket probe = new Socket()) {
        probe.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return "mongodb://127.0.0.1:" + port;
      } catch (IOException notYet) {
        if (!server.isAlive() || Instant.now().isAfter(deadline)) {
          throw new IOException("it did not listen on 127.0.0.1:" + port + " within " + START_WAIT + ": " + Files.readString(log));
        }
        Thread.sleep(100);
      }
    }
  }
}
