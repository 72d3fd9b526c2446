package dev.dbplane.pulumi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbplane.cluster.ClusterSpec;
import dev.dbplane.cluster.program.ClusterPrograms;
import dev.dbplane.digitalocean.DigitalOceanApi;
import dev.dbplane.engine.EngineFailure;
import dev.dbplane.engine.Operation;
import dev.dbplane.engine.Secret;
import dev.dbplane.engine.StackEngineException;
import dev.dbplane.engine.StackEvent;
import dev.dbplane.engine.StackName;
import dev.dbplane.engine.StackResult;
import dev.dbplane.engine.StackRun;
import dev.dbplane.support.FakeDigitalOceanApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Pulumi engine through the real Automation API code, with a stand-in CLI (a script that records
 * its calls and answers like the CLI) since no Pulumi CLI can be installed here: stack and work
 * directory per cluster, environment, event streaming and scrubbing, error classification, cancel,
 * and recovery of an interrupted run. The real CLI runs in the end-to-end tests.
 */
class PulumiStackEngineTest {

  private static final KindProgram<?> CLUSTERS = new ClusterPrograms(new DigitalOceanApi(null));

  private static final String TOKEN = "dop_v1_ENGINE_TEST_TOKEN";

  @TempDir Path dir;
  private Path cli;
  private final List<StackEvent> events = new CopyOnWriteArrayList<>();

  @BeforeEach
  void installFakeCli() throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    cli = bin.resolve("pulumi");
    try (InputStream script = getClass().getClassLoader().getResourceAsStream("pulumi/fake-pulumi.sh")) {
      Files.copy(script, cli);
    }
    Files.setPosixFilePermissions(cli, PosixFilePermissions.fromString("rwxr-xr-x"));
    mode("ok");
  }

  private void mode(String mode) throws IOException {
    Files.writeString(cli.resolveSibling("mode"), mode);
  }

  private List<String> calls() throws IOException {
    Path log = cli.resolveSibling("calls.log");
    return Files.exists(log) ? Files.readAllLines(log) : List.of();
  }

  private PulumiStackEngine engine(String cliPath) {
    return engine(cliPath, CLUSTERS);
  }

  private PulumiStackEngine engine(String cliPath, KindProgram<?> clusters) {
    try {
      return engineWithPlugin(cliPath, clusters);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private PulumiStackEngine engineWithPlugin(String cliPath) throws IOException {
    return engineWithPlugin(cliPath, CLUSTERS);
  }

  private PulumiStackEngine engineWithPlugin(String cliPath, KindProgram<?> clusters) throws IOException {
    Path plugin = Files.createDirectories(dir.resolve("home/plugins/resource-digitalocean-v" + DigitalOceanProvider.VERSION))
        .resolve("pulumi-resource-digitalocean");
    if (!Files.exists(plugin)) {
      Files.writeString(plugin, "#!/bin/sh\n");
      Files.setPosixFilePermissions(plugin, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    return new PulumiStackEngine(
        new CliPulumiCommand(cliPath, dir.resolve("runs")),
        new PulumiStackEngine.Settings(
            dir.resolve("work"), dir.resolve("home"), "file://" + dir.resolve("state"), "passphrase", "test-passphrase",
            null, true, Map.of(), Duration.ofMillis(10)),
        new ProviderPlugin(dir.resolve("home"), false),
        List.of(clusters));
  }

  private PulumiStackEngine engine() {
    return engine(cli.toString());
  }

  private StackRun run(String stack, boolean resumed) {
    return run(stack, resumed, null);
  }

  private StackRun run(String stack, boolean resumed, String heldClusterId) {
    ClusterSpec spec =
        new ClusterSpec("orders", "pg", "16", "nyc3", "db-s-2vcpu-4gb", 3, null, "102400", List.of("env:prod"), false,
            new StackName("acme", "dbplane", stack));
    return new StackRun(UUID.randomUUID(), spec, Secret.of(TOKEN), resumed, heldClusterId, events::add);
  }

  @Test
  void anUpTakesItsOutputsFromTheProgramAndStreamsScrubbedEvents() throws Exception {
    StackRun run = run("prod.orders", false);
    // This stand-in never runs the program (the real engine does, see the real-engine suites):
    // with no outputs seen, an update must not pass for one that has none.
    assertThatThrownBy(() -> engine().up(run))
        .isInstanceOfSatisfying(StackEngineException.class, e -> assertThat(e.failure()).isEqualTo(EngineFailure.INTERNAL))
        .hasMessageContaining("never saw the resource's outputs");

    assertThat(events).extracting(StackEvent::type).contains("resource-create", "diagnostic-info", "summary");
    assertThat(events).filteredOn(e -> e.type().equals("resource-create")).first()
        .satisfies(e -> assertThat(e.resource()).endsWith("::database-cluster"));
    assertThat(events.toString()).doesNotContain("hunter2secret").contains("doadmin:[secret]@");

    String up = calls().stream().filter(c -> c.startsWith("CALL up")).findFirst().orElseThrow();
    assertThat(up).contains("--yes", "--skip-preview", "--event-log", "--non-interactive", "--stack prod.orders", "--client=127.0.0.1:");
    // The update alone: no select, no export, no stack outputs, no history.
    assertThat(calls()).filteredOn(c -> c.startsWith("CALL ") && !c.equals("CALL version")).extracting(c -> c.split(" ")[1] + " " + c.split(" ")[2])
        .containsExactly("stack init", "up --yes");
    String env = calls().get(calls().indexOf(up) + 1);
    assertThat(env)
        .contains("PULUMI_STACK=prod.orders")
        .contains("PULUMI_BACKEND_URL=file://" + dir.resolve("state"))
        .contains("PULUMI_HOME=" + dir.resolve("home"))
        .contains("DBPLANE_JOB_ID=" + run.jobId())
        .contains("PASSPHRASE_SET=yes")
        .contains("IGNORE_AMBIENT=true")
        // The CLI knows --event-log only with debug commands on; it never downloads a plugin.
        .contains("DEBUG_COMMANDS=true")
        .contains("NO_PLUGIN_DOWNLOADS=true")
        // Its temp files and its plugins' stay in the service's private run directory.
        .contains("TMPDIR=" + dir.resolve("runs/tmp/" + ProcessHandle.current().pid()))
        .contains("PWD=" + dir.resolve("work").resolve("acme").resolve("dbplane").resolve("prod.orders"));
    assertThat(String.join("\n", calls())).doesNotContain(TOKEN);
  }

  @Test
  void everyStackHasAWorkDirectoryOfItsOwn() throws Exception {
    engine().preview(run("prod.orders", false));
    engine().preview(run("prod.billing", false));
    assertThat(calls().stream().filter(c -> c.startsWith("ENV")).map(c -> c.substring(c.indexOf("PWD=")))).contains(
        "PWD=" + dir.resolve("work/acme/dbplane/prod.orders"), "PWD=" + dir.resolve("work/acme/dbplane/prod.billing"));
  }

  @Test
  void aPreviewReportsItsChangeSummary() throws Exception {
    assertThat(engine().preview(run("prod.orders", false)).changes()).containsEntry("update", 1).containsEntry("same", 1);
  }

  @Test
  void aRefreshReportsWhatDrifted() throws Exception {
    StackResult result = engine().refresh(run("prod.orders", false));
    assertThat(result.changes()).containsEntry("update", 1);
    assertThat(result.resourceGone()).isFalse();
    assertThat(result.outputs()).containsEntry("port", "25060").containsEntry("database_password", "pw");
    assertThat(result.secretOutputs()).containsExactlyInAnyOrder("connection_uri", "database_password");
    assertThat(events).filteredOn(e -> e.type().equals("resource-update")).extracting(StackEvent::message)
        .anySatisfy(m -> assertThat(m).contains("size, nodeCount"));
  }

  @Test
  void aRefreshThatFindsNoDriftRunsOneCommandAndLeavesTheOutputsAsTheyAre() throws Exception {
    mode("nodrift");
    StackResult result = engine().refresh(run("prod.orders", false));
    assertThat(result.changes()).containsOnly(Map.entry("same", 2));
    assertThat(result.outputs()).isEmpty();
    assertThat(result.resourceGone()).isFalse();
    assertThat(calls()).filteredOn(c -> c.startsWith("CALL ") && !c.equals("CALL version"))
        .singleElement().satisfies(c -> assertThat(c).startsWith("CALL refresh"));
  }

  /** Even a destroy: DigitalOcean still has the cluster, which a destroy of the emptied stack would leave behind. */
  @ParameterizedTest
  @ValueSource(strings = {"absent", "emptied"})
  void aStackThatLostItsClusterIsReportedAndNothingRuns(String state) throws Exception {
    lose(state);
    try (FakeDigitalOceanApi digitalocean = FakeDigitalOceanApi.having()) {
      digitalocean.answer("/v2/databases", 200, "{\"databases\": [{\"id\": \"9cc10173\", \"name\": \"orders\"}]}");
      PulumiStackEngine engine = engine(cli.toString(), new ClusterPrograms(digitalocean.api()));
      for (Operation operation : Operation.values()) {
        assertFailure(() -> engine.run(operation, run("prod.orders", false, "9cc10173")), EngineFailure.STATE_LOST,
            "no longer holds the cluster 9cc10173");
      }
    }
    assertThat(calls()).allMatch(c -> !c.startsWith("CALL ") || c.equals("CALL version"));
  }

  /** The destroy went through, and the service stopped before it recorded so: sent again, it finds nothing to do. */
  @ParameterizedTest
  @ValueSource(strings = {"absent", "emptied"})
  void aDestroyOfAStackAndAClusterBothGoneSucceedsAndRemovesWhatIsLeft(String state) throws Exception {
    lose(state);
    try (FakeDigitalOceanApi digitalocean = FakeDigitalOceanApi.having()) {
      digitalocean.answer("/v2/databases", 200, "{\"databases\": []}");

      StackResult result = engine(cli.toString(), new ClusterPrograms(digitalocean.api())).destroy(run("prod.orders", false, "9cc10173"));

      assertThat(result.changes()).isEmpty();
      assertThat(events).extracting(StackEvent::message).anyMatch(m -> m.contains("it was destroyed already"));
    }
    List<String> commands = calls().stream().filter(c -> c.startsWith("CALL ") && !c.equals("CALL version")).toList();
    if (state.equals("emptied")) {
      assertThat(commands).singleElement().satisfies(c -> assertThat(c).startsWith("CALL stack rm").contains("--force"));
    } else {
      assertThat(commands).isEmpty();
    }
  }

  private void lose(String state) throws IOException {
    Path stacks = Files.createDirectories(dir.resolve("state/.pulumi/stacks/dbplane"));
    if (state.equals("emptied")) {
      Files.writeString(stacks.resolve("prod.orders.json"), "{\"version\":3,\"checkpoint\":{\"stack\":\"prod.orders\",\"latest\":{\"resources\":[]}}}");
    }
  }

  @Test
  void aStackThatHoldsItsClusterIsActedOn() throws Exception {
    writeState("prod.orders.json.gz", CLUSTERS.resourceType());
    assertThat(engine().refresh(run("prod.orders", false, "9cc10173")).changes()).containsEntry("update", 1);
  }

  @Test
  void aDestroyRemovesTheStackAfterwards() throws Exception {
    writeState("prod.orders.json", CLUSTERS.resourceType());
    assertThat(engine().destroy(run("prod.orders", false)).changes()).containsEntry("delete", 2);
    // One command deletes the resources and removes the stack.
    assertThat(calls()).filteredOn(c -> c.startsWith("CALL ") && !c.equals("CALL version"))
        .singleElement().satisfies(c -> assertThat(c).startsWith("CALL destroy").contains("--remove").contains("--stack prod.orders"));
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aStackThatNeverGotAClusterIsDestroyedWithoutTheEngine(boolean stackExists) throws Exception {
    if (stackExists) {
      // A first UP that failed after the provider was registered, before DigitalOcean made a cluster.
      writeState("prod.orders.json", "pulumi:providers:digitalocean");
    }
    StackResult result = engine(dir.resolve("no-such-cli").toString()).destroy(run("prod.orders", false));
    assertThat(result.changes()).isEmpty();
    assertThat(events).extracting(StackEvent::type).containsExactly("stack-removed");
    assertThat(dir.resolve("state/.pulumi/stacks/dbplane/prod.orders.json")).doesNotExist();
    assertThat(calls()).isEmpty();
  }

  /** A file backend's state of the stack holding one resource of the type. */
  private void writeState(String file, String type) throws IOException {
    Path stacks = Files.createDirectories(dir.resolve("state/.pulumi/stacks/dbplane"));
    String json = "{\"version\":3,\"checkpoint\":{\"latest\":{\"resources\":[{\"urn\":\"urn:pulumi:prod.orders::dbplane::"
        + type + "::database-cluster\",\"type\":\"" + type + "\",\"id\":\"9cc10173\"}]}}}";
    try (OutputStream out = file.endsWith(".gz")
        ? new GZIPOutputStream(Files.newOutputStream(stacks.resolve(file))) : Files.newOutputStream(stacks.resolve(file))) {
      out.write(json.getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void aResumedRunFirstReleasesTheLockAndLooksForPendingCreates() throws Exception {
    engine().preview(run("prod.orders", true));
    List<String> calls = calls();
    int cancel = indexOf(calls, "CALL cancel");
    int export = indexOf(calls, "CALL stack export");
    int up = indexOf(calls, "CALL preview");
    assertThat(cancel).isLessThan(export).isLessThan(up);
    // No create was left pending: nothing to settle, and nothing is forgotten.
    assertThat(calls).noneMatch(c -> c.startsWith("CALL refresh"));
  }

  @Test
  void aStackLockedByAnotherUpdateIsRetriedThenReportedAsAConcurrentUpdate() throws Exception {
    mode("locked");
    assertFailure(() -> engine().up(run("prod.orders", false)), EngineFailure.CONCURRENT_UPDATE, "lock");
    assertThat(calls().stream().filter(c -> c.startsWith("CALL up"))).hasSize(3);
  }

  @Test
  void aRejectedTokenIsReportedAsSuch() throws Exception {
    mode("unauthorized");
    assertFailure(() -> engine().up(run("prod.orders", false)), EngineFailure.CREDENTIALS_REJECTED, "refused the API token");
  }

  @Test
  void aMissingProviderPluginSaysWhatToInstall() throws Exception {
    mode("noplugin");
    assertFailure(() -> engine().up(run("prod.orders", false)), EngineFailure.ENGINE_UNAVAILABLE,
        "pulumi plugin install resource digitalocean v4.76.0");
  }

  @Test
  void aProviderErrorReachesTheJobCleanedOfSecrets() throws Exception {
    mode("nametaken");
    StackEngineException failure = assertFailure(() -> engine().up(run("prod.orders", false)), EngineFailure.PROVIDER_ERROR, "422 name is already in use");
    assertThat(failure.getMessage()).doesNotContain("dop_v1_0123456789abcdef0123");
  }

  @Test
  void aMissingCliSaysWhatToInstall() {
    assertFailure(() -> engine(dir.resolve("no-such-pulumi").toString()).up(run("prod.orders", false)), EngineFailure.ENGINE_UNAVAILABLE,
        "install Pulumi CLI 3.95.0 or newer");
  }

  @Test
  void aTooOldCliIsRefused() throws Exception {
    mode("old");
    assertFailure(() -> engine().up(run("prod.orders", false)), EngineFailure.ENGINE_UNAVAILABLE, "is version 3.50.0");
  }

  @Test
  void aCancelStopsTheRunningCli() throws Exception {
    mode("hang");
    PulumiStackEngine engine = engine();
    StackRun run = run("prod.orders", false);
    CompletableFuture<StackResult> up = CompletableFuture.supplyAsync(() -> {
      try {
        return engine.up(run);
      } catch (StackEngineException e) {
        throw new IllegalStateException(e);
      }
    });
    Instant deadline = Instant.now().plusSeconds(20);
    while (calls().stream().noneMatch(c -> c.startsWith("CALL up")) && Instant.now().isBefore(deadline)) {
      Thread.sleep(20);
    }
    Thread.sleep(200);
    engine.cancel(run);
    assertThatThrownBy(() -> up.get(20, TimeUnit.SECONDS))
        .hasCauseInstanceOf(IllegalStateException.class)
        .rootCause()
        .isInstanceOfSatisfying(StackEngineException.class, e -> assertThat(e.failure()).isEqualTo(EngineFailure.CANCELLED));
  }

  @Test
  void aCancelBetweenTwoCommandsKeepsTheNextFromStarting() throws Exception {
    PulumiStackEngine engine = engine();
    StackRun run = run("prod.orders", false);
    engine.cancel(run);
    assertFailure(() -> engine.up(run), EngineFailure.CANCELLED, "stopped on request");
    assertThat(calls()).allMatch(c -> !c.startsWith("CALL ") || c.equals("CALL version"));
  }

  private interface Run {
    StackResult call() throws StackEngineException;
  }

  private static StackEngineException assertFailure(Run run, EngineFailure failure, String message) {
    try {
      run.call();
    } catch (StackEngineException e) {
      assertThat(e.failure()).as(e.getMessage()).isEqualTo(failure);
      assertThat(e.getMessage()).contains(message);
      return e;
    }
    throw new AssertionError("expected " + failure);
  }

  private static int indexOf(List<String> calls, String prefix) {
    for (int i = 0; i < calls.size(); i++) {
      if (calls.get(i).startsWith(prefix)) {
        return i;
      }
    }
    throw new AssertionError("no call " + prefix + " in " + calls);
  }
}
