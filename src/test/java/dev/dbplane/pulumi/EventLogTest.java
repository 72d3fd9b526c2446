package dev.dbplane.pulumi;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulumi.automation.events.EngineEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's event log: a pipe that never reaches a disk, followed to its end, debug dumps dropped. */
class EventLogTest {

  @TempDir Path dir;

  @Test
  void eventsWrittenByTheCliAreDeliveredAndNothingStaysOnDisk() throws Exception {
    List<EngineEvent> events = new CopyOnWriteArrayList<>();
    EventLog log = EventLog.open(dir, "job", events::add);
    assertThat(Files.isRegularFile(log.path())).as("a named pipe, not a file").isFalse();
    // As the CLI does: it opens the path, writes a line an event, and closes it.
    Files.writeString(log.path(), String.join("\n",
        "{\"sequence\":1,\"timestamp\":1,\"diagnosticEvent\":{\"message\":\"RegisterResource password=hunter2\",\"color\":\"never\",\"severity\":\"debug\"}}",
        "{\"sequence\":2,\"timestamp\":2,\"diagnosticEvent\":{\"message\":\"creating\",\"color\":\"never\",\"severity\":\"info\"}}",
        "{\"sequence\":3,\"timestamp\":3,\"cancelEvent\":{}}", ""), StandardCharsets.UTF_8);
    log.close();
    assertThat(events).extracting(EngineEvent::sequence).containsExactly(2, 3);
    assertThat(log.path()).doesNotExist();
  }

  @Test
  void aCliThatNeverOpenedTheLogDoesNotHoldTheReaderForEver() throws Exception {
    EventLog log = EventLog.open(dir, "job", e -> {});
    long started = System.nanoTime();
    log.close();
    assertThat((System.nanoTime() - started) / 1_000_000).as("milliseconds to close").isLessThan(5_000);
    assertThat(log.path()).doesNotExist();
  }

  @Test
  void logsACrashLeftAreRemoved() throws IOException {
    Files.writeString(dir.resolve("job-1.events"), "token");
    Files.writeString(dir.resolve("other.txt"), "kept");
    assertThat(EventLog.removeLeftovers(dir)).isEqualTo(1);
    assertThat(dir.resolve("other.txt")).exists();
  }
}
