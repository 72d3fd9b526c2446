package dev.dbplane.pulumi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
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

  /**
   * Records {@code cli}; the returned path is kept up to date with {@link #update} as the CLI starts
   * its plugins, and removed with {@link #remove} when it has ended.
   */
  Path record(String runId, ProcessHandle cli) throws IOException {
    Path file = directory.resolve(runId + "-" + cli.pid() + SUFFIX);
    update(file, cli, List.of());
    return file;
  }

  /** The CLI's plugins too: a CLI that dies leaves them to init, alive. */
  void update(Path record, ProcessHandle cli, Iterable<ProcessHandle> descendants) throws IOException {
    ProcessHandle self = ProcessHandle.current();
    StringBuilder lines = new StringBuilder().append(cli.pid()).append(' ').append(started(cli)).append(' ')
        .append(self.pid()).append(' ').append(started(self)).append('\n');
    for (ProcessHandle descendant : descendants) {
      lines.append(descendant.pid()).append(' ').append(started(descendant)).append('\n');
    }
    Files.writeString(record, lines, StandardCharsets.UTF_8);
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
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    String[] head = lines.isEmpty() ? new String[0] : lines.get(0).trim().split(" ");
    if (head.length != 4) {
      Files.deleteIfExists(file);
      return false;
    }
    if (alive(Long.parseLong(head[2]), head[3]).isPresent()) {
      return false; // its service still runs (another replica on this machine)
    }
    Optional<ProcessHandle> cli = alive(Long.parseLong(head[0]), head[1]);
    List<ProcessHandle> plugins = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] parts = line.trim().split(" ");
      if (parts.length == 2) {
        alive(Long.parseLong(parts[0]), parts[1]).ifPresent(plugins::add);
      }
    }
    cli.ifPresent(c -> c.descendants().forEach(plugins::add));
    if (cli.isPresent() || !plugins.isEmpty()) {
      log.warn("stopping Pulumi CLI process {} ({}) and {} plugin process(es) left running by a service that was killed",
          head[0], cli.isPresent() ? "running" : "gone", plugins.size());
    }
    cli.ifPresent(RunRecords::stop);
    plugins.forEach(ProcessHandle::destroyForcibly);
    Files.deleteIfExists(file);
    return cli.isPresent() || !plugins.isEmpty();
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
