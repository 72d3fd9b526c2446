package dev.dbplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.dbplane.support.FilesOnDisk;
import dev.dbplane.support.ReadmeBlocks.Block;
import dev.dbplane.support.ReadmeBlocks;
import dev.dbplane.support.RealEngine;
import dev.dbplane.support.Sandbox;
import dev.dbplane.support.ServiceProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The README's examples run as written: every block it marks {@code <!-- readme-test: NAME -->} is run
 * with {@code bash -euo pipefail} after its {@code setup} block, in an empty directory, against the
 * service as a person starts it on the sandbox (the real Pulumi CLI, the sandbox provider, the
 * DigitalOcean API emulator; a first start that writes its admin key into the data directory). The
 * service gets a free port, given to the blocks as {@code DBPLANE_URL}.
 */
class ReadmeExamplesTests {

  private static final Path README = Path.of("README.md");
  private static final Duration BLOCK_LIMIT = Duration.ofMinutes(10);
  private static final String PROBLEM = "urn:dbplane:problem:";

  private static Path dataDir;
  private static ServiceProcess service;

  @BeforeAll
  static void theServiceRunsOnTheSandboxAsSandboxRunStartsIt() throws Exception {
    Sandbox sandbox = Sandbox.require();
    sandbox.clearFaults();
    // Not instant, so that the blocks' waits wait.
    sandbox.settings("{\"create_delay\": \"2s\", \"resize_delay\": \"1s\", \"name_hold\": \"5s\"}");
    dataDir = RealEngine.dataDir("readme");
    Map<String, String> properties = new HashMap<>(sandbox.serviceProperties());
    properties.put("dbplane.data-dir", dataDir.toString());
    properties.put("dbplane.digitalocean.default-token", Sandbox.TOKEN);
    properties.put("dbplane.jobs.polling-interval", "200ms");
    service = ServiceProcess.startRealWithoutKeys(properties, dataDir.resolve("service.log"));
  }

  @AfterAll
  static void stopAndLeaveTheSandboxAsItStarted() throws Exception {
    if (service == null) {
      return;
    }
    service.stop();
    Sandbox.require().settings("{\"create_delay\": \"0s\", \"resize_delay\": \"0s\", \"name_hold\": \"5s\"}");
  }

  @TestFactory
  Stream<DynamicTest> everyMarkedBlockRunsAsWritten() throws Exception {
    List<Block> blocks = ReadmeBlocks.in(README);
    assertThat(blocks).extracting(Block::name).as("the marked blocks of " + README).contains("setup", "api", "validate", "sandbox");
    Block setup = blocks.stream().filter(b -> b.name().equals("setup")).findFirst().orElseThrow();
    return blocks.stream().filter(b -> b != setup)
        .map(block -> dynamicTest(block.name() + " (" + README + " line " + block.line() + ")", () -> run(setup, block)));
  }

  private static void run(Block setup, Block block) throws Exception {
    Path script = dataDir.resolve(block.name() + ".sh");
    Files.writeString(script, setup.script() + block.script());
    Path workDir = Files.createDirectories(dataDir.resolve("run-" + block.name()));
    Path output = dataDir.resolve(block.name() + ".out");
    ProcessBuilder bash = new ProcessBuilder("bash", "-euo", "pipefail", script.toString())
        .directory(workDir.toFile()).redirectErrorStream(true).redirectOutput(output.toFile());
    bash.environment().put("DBPLANE_URL", "http://localhost:" + service.port());
    bash.environment().put("DBPLANE_DATA_DIR", dataDir.toString());
    bash.environment().put("DIGITALOCEAN_TOKEN", Sandbox.TOKEN);
    Process process = bash.start();
    process.getOutputStream().close();
    boolean ended = process.waitFor(BLOCK_LIMIT.toSeconds(), TimeUnit.SECONDS);
    if (!ended) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor();
    }
    String printed = Files.readString(output, StandardCharsets.UTF_8);
    String failure = !ended ? "did not end within " + BLOCK_LIMIT
        : process.exitValue() != 0 ? "exited with " + process.exitValue()
        : printed.contains(PROBLEM) ? "printed a problem answer" : null;
    if (failure != null) {
      throw new AssertionError("the README block " + block.name() + " (line " + block.line() + ") " + failure
          + " (service log: " + dataDir.resolve("service.log") + ")\n--- block\n" + block.script() + "--- its output\n" + printed);
    }
    // The token went from the shell to the service only.
    assertThat(printed).doesNotContain(Sandbox.TOKEN);
    assertThat(FilesOnDisk.holding(List.of(Sandbox.TOKEN), workDir, Instant.EPOCH)).as("files the block left").isEmpty();
  }
}
