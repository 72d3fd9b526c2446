package dev.dbplane;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbplane.config.DbplaneProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;

/**
 * The image's heap leaves room for the workers' Pulumi runs in a 2 GiB container, by the memory
 * measured in {@code bench/README.md}, and the README says the setting the image has.
 */
class ImageSizingTest {

  private static final int CONTAINER_MIB = 2048;
  /** Metaspace, threads, code cache, GC: the measured JVM (370 to 448 MiB at -Xmx512m) less a heap it did not fill. */
  private static final int JVM_BEYOND_HEAP_MIB = 256;
  private static final int CLI_MIB = 105;
  private static final int PLUGIN_MIB = 37;
  /** Kept free: the official plugin is larger than the sandbox one that was measured; the file cache. */
  private static final int HEADROOM_MIB = CONTAINER_MIB / 4;

  private static String entrypoint;

  @BeforeAll
  static void read() throws IOException {
    Matcher line = Pattern.compile("(?m)^ENTRYPOINT .*$").matcher(Files.readString(Path.of("Dockerfile")));
    assertThat(line.find()).as("the Dockerfile's ENTRYPOINT").isTrue();
    entrypoint = line.group();
  }

  private static int heapPercent() {
    Matcher percent = Pattern.compile("-XX:MaxRAMPercentage=([0-9]+)").matcher(entrypoint);
    assertThat(percent.find()).as("the JVM's heap is set as a share of the container's memory: " + entrypoint).isTrue();
    return Integer.parseInt(percent.group(1));
  }

  @Test
  void theHeapAndTheDefaultWorkersPulumiRunsFitA2GibContainerWithRoomToSpare() {
    int heap = CONTAINER_MIB * heapPercent() / 100;
    int workers = new Binder().bindOrCreate("dbplane", DbplaneProperties.class).jobs().workers();
    int total = heap + JVM_BEYOND_HEAP_MIB + workers * (CLI_MIB + PLUGIN_MIB);
    assertThat(total).as("heap %d MiB + JVM %d MiB + %d runs", heap, JVM_BEYOND_HEAP_MIB, workers)
        .isLessThanOrEqualTo(CONTAINER_MIB - HEADROOM_MIB);
    // As large as the heap the service was measured and is tested with.
    assertThat(heap).isGreaterThanOrEqualTo(512);
  }

  @Test
  void theFilesItWritesAreTheOwnersOnly() {
    assertThat(entrypoint).contains("umask 077 && exec java");
  }

  @Test
  void theReadmeSaysTheHeapTheImageHas() throws IOException {
    assertThat(Files.readString(Path.of("README.md"))).contains("-XX:MaxRAMPercentage=" + heapPercent());
  }
}
