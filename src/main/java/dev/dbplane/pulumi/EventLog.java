package dev.dbplane.pulumi;

import com.pulumi.automation.events.EngineEvent;
import com.pulumi.automation.serialization.internal.LocalSerializer;
import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CLI's {@code --event-log} of one run, followed while the CLI writes it. The CLI writes every
 * engine event there, debug dumps included, which can hold the provider's inputs (the token) and
 * the resources' outputs (the password): so the log is a named pipe where the system has them, and
 * nothing of it ever reaches a disk; elsewhere a file only the owner can read, in the engine's
 * private run directory, deleted when the run ends (and at start-up, if a crash left one).
 *
 * <p>The SDK's own watcher waits for the CLI's final event and so never returns when the CLI dies
 * without writing it; this one stops once the CLI has exited and the log is drained.
 */
final class EventLog implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EventLog.class);
  private static final String SUFFIX = ".events";
  private static final long POLL_MILLIS = 100;
  private static final long DRAIN_MILLIS = 10_000;
  /** Debug diagnostics dump whole gRPC messages, secrets included: they never leave this class. */
  private static final String DEBUG_DIAGNOSTIC = "\"severity\":\"debug\"";

  private final Path path;
  private final boolean pipe;
  private final Thread reader;
  private volatile boolean writerDone;

  private EventLog(Path path, boolean pipe, Consumer<EngineEvent> onEvent) {
    this.path = path;
    this.pipe = pipe;
    this.reader = new Thread(() -> follow(onEvent), "pulumi-event-log");
    reader.setDaemon(true);
    reader.start();
  }

  /** A new log in {@code directory} (made by the caller, readable by this service only). */
  static EventLog open(Path directory, String runId, Consumer<EngineEvent> onEvent) throws IOException {
    Path path = directory.resolve(runId + "-" + UUID.randomUUID() + SUFFIX);
    boolean pipe = makePipe(path);
    if (!pipe) {
      Files.createFile(path, PrivateFiles.OWNER_ONLY_FILE);
    }
    return new EventLog(path, pipe, onEvent);
  }

  /** Deletes logs a crashed run left behind. */
  static int removeLeftovers(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return 0;
    }
    int removed = 0;
    try (var files = Files.list(directory)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        if (file.getFileName().toString().endsWith(SUFFIX) && Files.deleteIfExists(file)) {
          removed++;
        }
      }
    }
    return removed;
  }

  Path path() {
    return path;
  }

  private static boolean makePipe(Path path) {
    try {
      Process mkfifo = new ProcessBuilder("mkfifo", "-m", "600", path.toString()).redirectErrorStream(true).start();
      mkfifo.getInputStream().readAllBytes();
      return mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Reads what the CLI writes, never blocking: a pipe is opened for reading and writing (which does
   * not wait for a writer, as a read-only open would, for ever if the CLI failed before opening it),
   * so its end is not seen as an end of file but as the CLI's exit, once all it wrote is read.
   */
  private void follow(Consumer<EngineEvent> onEvent) {
    LocalSerializer serializer = new LocalSerializer();
    try (RandomAccessFile file = new RandomAccessFile(path.toFile(), pipe ? "rw" : "r");
        FileInputStream in = new FileInputStream(file.getFD())) {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      while (true) {
        int available = in.available();
        if (available > 0) {
          int read = in.read(buffer, 0, Math.min(available, buffer.length));
          for (int i = 0; i < read; i++) {
            if (buffer[i] == '\n') {
              deliverLine(serializer, line.toString(StandardCharsets.UTF_8), onEvent);
              line.reset();
            } else {
              line.write(buffer[i]);
            }
          }
        } else if (writerDone) {
          deliverLine(serializer, line.toString(StandardCharsets.UTF_8), onEvent);
          return;
        } else {
          Thread.sleep(POLL_MILLIS);
        }
      }
    } catch (IOException e) {
      log.warn("the engine's event log could not be read: {}", e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void deliverLine(LocalSerializer serializer, String line, Consumer<EngineEvent> onEvent) {
    if (!line.isBlank() && !line.contains(DEBUG_DIAGNOSTIC)) {
      deliver(serializer, line, onEvent);
    }
  }

  private static void deliver(LocalSerializer serializer, String line, Consumer<EngineEvent> onEvent) {
    EngineEvent event;
    try {
      event = serializer.deserializeJson(line, EngineEvent.class);
    } catch (RuntimeException e) {
      log.debug("skipped an engine event that could not be read");
      return;
    }
    if (event != null) {
      onEvent.accept(event);
    }
  }

  /** The CLI has exited: deliver what is left in the log, stop, and remove the log. */
  @Override
  public void close() {
    writerDone = true;
    try {
      reader.join(DRAIN_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    reader.interrupt();
    PrivateFiles.deleteQuietly(path);
  }
}
