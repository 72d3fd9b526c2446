package dev.dbplane.pulumi;

import com.pulumi.automation.events.EngineEvent;
import com.pulumi.automation.serialization.internal.LocalSerializer;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the CLI's event log while it runs and hands each event on. The SDK's own watcher waits for
 * the CLI's final cancel event and so never returns when the CLI dies without writing it (killed,
 * crashed); this one reads to the end of the file once the CLI has exited, and stops.
 */
final class EventLogTail implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EventLogTail.class);
  private static final long POLL_MILLIS = 100;
  private static final long DRAIN_MILLIS = 10_000;

  private final Thread reader;
  private volatile boolean writerDone;

  EventLogTail(Path file, Consumer<EngineEvent> onEvent) {
    this.reader = new Thread(() -> follow(file, onEvent), "pulumi-event-log");
    reader.setDaemon(true);
    reader.start();
  }

  private void follow(Path file, Consumer<EngineEvent> onEvent) {
    LocalSerializer serializer = new LocalSerializer();
    try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      while (true) {
        String line = lines.readLine();
        if (line == null) {
          if (writerDone) {
            return;
          }
          Thread.sleep(POLL_MILLIS);
          continue;
        }
        if (!line.isBlank()) {
          try {
            EngineEvent event = serializer.deserializeJson(line, EngineEvent.class);
            if (event != null) {
              onEvent.accept(event);
            }
          } catch (RuntimeException e) {
            log.debug("skipped an engine event that could not be read", e);
          }
        }
      }
    } catch (IOException e) {
      log.warn("the engine's event log could not be read: {}", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The CLI has exited: deliver what is left in the log, then stop. */
  @Override
  public void close() {
    writerDone = true;
    try {
      reader.join(DRAIN_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    reader.interrupt();
  }
}
