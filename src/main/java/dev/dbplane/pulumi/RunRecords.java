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
    Path file = directory.resolve(runId + "-" + cli.pid() + SUFFIX);
    Files.writeString(file, cli.pid() + " " + started(cli) + " " + self.pid() + " " + started(self), StandardCharsets.UTF_8);
    return file;
  }

  void remove(Path record) {
    PrivateFiles.deleteQuietly(record);
  }

  /** Stops the CLIs whose service is gone, and their plugins; returns how many runs it stopped. */
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
    long leader = Long.parseLong(parts[0]);
    Instant started = parse(parts[1]);
    Optional<ProcessHandle> cli = alive(leader, parts[1]);
    List<ProcessHandle> plugins = ProcessSession.members(leader, started);
    if (cli.isPresent() || !plugins.isEmpty()) {
      log.warn("stopping Pulumi CLI process {} ({}) and {} plugin process(es) left running by a service that was killed",
          leader, cli.isPresent() ? "running" : "gone", plugins.size());
    }
    cli.ifPresent(RunRecords::stop);
    ProcessSession.stopMembers(leader, started);
    Files.deleteIfExists(file);
    return cli.isPresent() || !plugins.isEmpty();
  }

  private static Instant parse(String instant) {
    try {
      return Instant.parse(instant);
    } catch (RuntimeException e) {
      return Instant.EPOCH;
    }
  }

  /** SIGTERM first, so that the CLI can end its update and release the lock; then SIGKILL. */
  private static void stop(ProcessHandle cli) {
    cli.destroy();
    try {
      cli.onExit().get(TERM_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      cli.destroyForcibly();
    }
  }

  /** The process with this pid, if it is still the one that started at {@code started}. */
  private static Optional<ProcessHandle> alive(long pid, String started) {
    return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(p -> started(p).equals(started));
  }

  private static String started(ProcessHandle process) {
    return process.info().startInstant().map(Instant::toString).orElse("unknown");
  }
}
