package dev.dbplane.pulumi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CLIs left by a killed service, and their plugins, are stopped by the next start. */
class RunRecordsTest {

  @TempDir Path dir;

  @Test
  void aCliAndItsPluginLeftByADeadServiceAreStoppedAndOnesOfALiveServiceAreNot() throws Exception {
    // A "CLI" leading a session of its own, with a "plugin" that outlives it, as a killed CLI's does.
    Process cli = new ProcessBuilder(ProcessSession.leading(List.of("sh", "-c", "sleep 300 & echo $!; wait"))).start();
    long plugin = Long.parseLong(new java.io.BufferedReader(new java.io.InputStreamReader(cli.getInputStream(), StandardCharsets.UTF_8)).readLine().trim());
    RunRecords records = new RunRecords(dir);
    Path record = records.record("job", cli.toHandle());

    assertThat(records.stopOrphans()).as("its service (this JVM) is alive").isZero();
    assertThat(cli.isAlive()).isTrue();

    // The service that ran it is gone: rewrite its owner as a process that has ended.
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    String[] parts = Files.readString(record).split(" ");
    Files.writeString(record, parts[0] + " " + parts[1] + " " + gone.pid() + " " + gone.toHandle().info().startInstant().map(Object::toString).orElse("x"));
    assertThat(records.stopOrphans()).isEqualTo(1);
    assertThat(cli.waitFor(20, TimeUnit.SECONDS)).isTrue();
    assertThat(awaitGone(plugin, Duration.ofSeconds(20))).as("the plugin of the run").isTrue();
    assertThat(record).doesNotExist();
  }

  private static boolean awaitGone(long pid, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (ProcessHandle.of(pid).map(p -> !p.isAlive() || zombie(pid)).orElse(true)) {
        return true;
      }
      Thread.sleep(100);
    }
    return false;
  }

  private static boolean zombie(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
    } catch (Exception e) {
      return true;
    }
  }
}
