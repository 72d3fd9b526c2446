package dev.dbplane.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * What every real-engine test class sets up, as a JUnit extension: the {@link Sandbox} started
 * before the class (or the class reported as not run, and why), and before each test a DigitalOcean
 * without faults that creates and resizes at once, as the emulator starts; a test that wants it
 * slower says so itself. Its static helpers put a service on the sandbox's engine and check what
 * the runs left behind.
 */
public final class RealEngine implements BeforeAllCallback, BeforeEachCallback {

  private static final String QUICK = "{\"create_delay\": \"0s\", \"resize_delay\": \"0s\", \"name_hold\": \"5s\"}";

  @Override
  public void beforeAll(ExtensionContext context) {
    Sandbox.require();
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IOException, InterruptedException {
    // The emulator serves the whole test run: undo what an earlier test asked of it.
    Sandbox sandbox = Sandbox.require();
    sandbox.clearFaults();
    sandbox.settings(QUICK);
  }

  /** The sandbox's engine for the service of this test JVM, from a {@code @DynamicPropertySource}. */
  public static void register(DynamicPropertyRegistry registry) {
    Sandbox.require().serviceProperties().forEach((key, value) -> registry.add(key, () -> value));
  }

  /** The sandbox's engine and this data directory for the service of this test JVM. */
  public static void register(DynamicPropertyRegistry registry, Path dataDir) {
    register(registry);
    registry.add("dbplane.data-dir", dataDir::toString);
  }

  /** The properties of a service process on this database and data directory, with the sandbox's engine. */
  public static Map<String, String> serviceOn(TestPostgres.Database database, Path dataDir, Map<String, String> more) {
    Map<String, String> properties = new HashMap<>(ServiceProcess.on(database, dataDir, more));
    properties.putAll(Sandbox.require().serviceProperties());
    return properties;
  }

  /** A new data directory under target/, where the files of a failed run stay to be read. */
  public static Path dataDir(String prefix) throws IOException {
    return Files.createTempDirectory(Path.of("target"), prefix).toAbsolutePath();
  }

  /** The Pulumi locks left in the file state backend of this data directory. */
  public static List<Path> locks(Path dataDir) throws IOException {
    Path locks = dataDir.resolve("pulumi-state/.pulumi/locks");
    if (!Files.isDirectory(locks)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(locks)) {
      return files.filter(Files::isRegularFile).toList();
    }
  }

  /** No CLI or plugin of the sandbox lives on once its job has ended. */
  public static void assertNoPulumiProcessLeft() throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(20);
    List<String> left = Sandbox.require().pulumiProcesses();
    while (!left.isEmpty() && Instant.now().isBefore(deadline)) {
      Thread.sleep(200);
      left = Sandbox.require().pulumiProcesses();
    }
    assertThat(left).as("Pulumi processes still running").isEmpty();
  }
}
