package dev.dbplane.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** The port a server the tests start writes into a file once it listens (the sandbox's servers do). */
final class PortFile {

  private PortFile() {}

  /** Waits until the server has written its port; fails when it exits first or takes longer than the limit. */
  static int await(Process server, Path file, Duration limit, Path log) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(limit);
    while (!Files.exists(file) || Files.readString(file).isBlank()) {
      if (!server.isAlive() || Instant.now().isAfter(deadline)) {
        throw new IOException(file.getFileName() + ": the server did not start; see " + log);
      }
      Thread.sleep(50);
    }
    return Integer.parseInt(Files.readString(file).trim());
  }
}
