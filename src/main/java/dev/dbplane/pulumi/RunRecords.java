package dev.dbplane.pulumi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record on disk of every CLI process this service runs, so that the CLIs (and their provider
 * plugins) of a service that was killed can be found and stopped by the next one: a killed JVM's
 * children live on, and one of them may still be changing a cluster or holding its stack's lock.
 */
final class RunRecords {

  private static final Logger log = LoggerFactory.getLogger(RunRecords.class);
  private static final String SUFFIX = ".run";
  private static final long TERM_WAIT_SECONDS = 10;

  private final Path directory;

  RunRecords(Path directory) {
    this.directory = directory;
  }

  /** Records {@code cli}; the returned path is removed with {@link #remove} when it has ended. */
  Path record(String runId, ProcessHandle cli) throws IOException {
    ProcessHandle self = ProcessHandle.current();
    String line = cli.pid() + " " + started(cli) + " " + self.pid() + " " + started(self);
    Path file = directory.resolve(runId + "-" + cli.pid() + SUFFIX);
    Files.writeString(file, line, StandardCharsets.UTF_8);
    return file;
  }

  void remove(Path record) {
    PrivateFiles.deleteQuietly(record);
  }

  /**
   * Stops the CLIs whose service is gone, with their descendants: SIGTERM first, so that a CLI can
   * end its update and release the lock, then SIGKILL. Returns how many it stopped.
   */
  int stopOrphans() throws IOException {
    if (!Files.isDirectory(directory)) {
      return 0;
    }
    int stopped = 0;
    try (var files = Files.list(directory)) {
      for (Path file : files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).toList()) {
        if (stopIfOrphaned(file)) {
          stopped++;
        }
      }
    }
    return stopped;
  }

  private boolean stopIfOrphaned(Path file) throws IOException {
    String[] parts = Files.readString(file, StandardCharsets.UTF_8).trim().split(" ");
    if (parts.length != 4) {
      Files.deleteIfExists(file);
      return false;
    }
    if (alive(Long.parseLong(parts[2]), parts[3]).isPresent()) {
      return false; // its service still runs (another replica on this machine)
    }
    Optional<ProcessHandle> cli = alive(Long.parseLong(parts[0]), parts[1]);
    cli.ifPresent(RunRecords::stop);
    Files.deleteIfExists(file);
    return cli.isPresent();
  }

  private static void stop(ProcessHandle cli) {
    List<ProcessHandle> family = cli.descendants().toList();
    log.warn("stopping Pulumi CLI process {} (and {} plugin processes) left running by a service that was killed", cli.pid(), family.size());
    cli.destroy();
    try {
      cli.onExit().get(TERM_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      cli.destroyForcibly();
    }
    family.forEach(ProcessHandle::destroyForcibly);
  }

  /** The process with this pid, if it is still the one that started at {@code started}. */
  private static Optional<ProcessHandle> alive(long pid, String started) {
    return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(p -> started(p).equals(started));
  }

  private static String started(ProcessHandle process) {
    return process.info().startInstant().map(Instant::toString).orElse("unknown");
  }
}
