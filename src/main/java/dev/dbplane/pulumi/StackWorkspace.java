package dev.dbplane.pulumi;

import com.pulumi.automation.AutomationException;
import com.pulumi.automation.CommandRunOptions;
import com.pulumi.automation.OperationType;
import com.pulumi.automation.StackNotFoundException;
import com.pulumi.automation.events.EngineEvent;
import dev.dbplane.engine.EngineFailure;
import dev.dbplane.engine.StackEngineException;
import dev.dbplane.engine.StackName;
import dev.dbplane.engine.StackRun;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;

/**
 * One stack's work directory and the CLI commands run in it, each naming the stack: a directory
 * per stack, since the CLI acts on the stack last selected in a directory unless told.
 */
final class StackWorkspace {

  private static final Pattern PULUMI_NAME = Pattern.compile("^[A-Za-z0-9._-]{1,100}$");
  private static final Pattern DOTS_ONLY = Pattern.compile("^\\.+$");

  private final PulumiStackEngine.Settings settings;
  private final CliPulumiCommand cli;
  private final StackRun run;
  private final String stack;
  private final Path directory;
  private final Map<String, String> environment;

  /**
   * @throws StackEngineException when a part of the stack's name is not a name Pulumi takes, or would
   *     place the work directory anywhere but its own place under the work root; nothing is written
   */
  StackWorkspace(PulumiStackEngine.Settings settings, CliPulumiCommand cli, StackRun run) throws StackEngineException {
    this.settings = settings;
    this.cli = cli;
    this.run = run;
    StackName name = run.spec().stack();
    this.stack = settings.selfManagedBackend() ? name.stack() : name.fullyQualified();
    this.directory = inside(settings.workRoot(), name);
    this.environment = environment(settings, run, stack);
  }

  String stack() {
    return stack;
  }

  /** Makes the work directory and its project file (the project, its runtime, the backend). */
  StackWorkspace prepare() throws IOException {
    Files.createDirectories(directory);
    String project = "name: " + run.spec().stack().project() + "\nruntime: java\nbackend:\n  url: " + settings.backendUrl() + "\n";
    Path file = directory.resolve("Pulumi.yaml");
    if (!Files.exists(file) || !Files.readString(file, StandardCharsets.UTF_8).equals(project)) {
      Files.writeString(file, project, StandardCharsets.UTF_8);
    }
    return this;
  }

  /**
   * Creates the stack if it does not exist. On a file backend its state file tells, so an existing
   * stack costs no CLI process; elsewhere the CLI selects or creates it in one.
   */
  void ensureStack() throws AutomationException {
    if (fileBackend()) {
      if (stateFile().isEmpty()) {
        run(List.of("stack", "init", "--stack", stack, "--secrets-provider", settings.secretsProvider()), null, null);
      }
      return;
    }
    run(List.of("stack", "select", "--create", "--stack", stack, "--secrets-provider", settings.secretsProvider()), null, null);
  }

  /** Whether the stack's state holds its resource; a stack that does not exist holds none. */
  boolean holds(KindProgram<?> kind) throws AutomationException, IOException {
    return storedState().map(state -> state.holds(kind)).orElse(false);
  }

  /**
   * The stack's state as its backend keeps it (secrets encrypted), empty when the stack does not
   * exist. A file backend's state file is read in place, needing no CLI.
   */
  Optional<StackState> storedState() throws AutomationException, IOException {
    if (fileBackend()) {
      Optional<Path> file = stateFile();
      if (file.isEmpty()) {
        return Optional.empty();
      }
      try (InputStream raw = Files.newInputStream(file.get());
          InputStream in = file.get().toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
        return Optional.of(StackState.ofCheckpoint(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
      }
    }
    try {
      return Optional.of(export(false));
    } catch (StackNotFoundException e) {
      return Optional.empty();
    }
  }

  boolean fileBackend() {
    return settings.backendUrl().startsWith("file://");
  }

  /**
   * Removes a file backend's stack that manages nothing at DigitalOcean, as {@code pulumi stack rm}
   * would, and without the CLI: its state files (the checkpoint and its backup).
   */
  void removeStackWithoutResources() throws IOException {
    for (String suffix : List.of(".json", ".json.bak", ".json.gz", ".json.gz.bak")) {
      Files.deleteIfExists(stacksDirectory().resolve(stack + suffix));
    }
  }

  /** The file backend's state file of the stack, plain or compressed, if the stack exists. */
  private Optional<Path> stateFile() {
    return Stream.of(stack + ".json", stack + ".json.gz").map(stacksDirectory()::resolve).filter(Files::exists).findFirst();
  }

  private Path stacksDirectory() {
    return Path.of(settings.backendUrl().substring("file://".length()), ".pulumi", "stacks", run.spec().stack().project());
  }

  /**
   * Runs an operation (up, preview, refresh, destroy) on the stack, handing its engine events on as
   * they come, and returns the changes of its summary event.
   */
  Map<String, Integer> operation(List<String> args, java.util.function.Consumer<EngineEvent> events) throws AutomationException {
    AtomicReference<Map<OperationType, Integer>> summary = new AtomicReference<>();
    List<String> full = new ArrayList<>(args);
    full.addAll(List.of("--stack", stack, "--color", "never", "--exec-kind", "auto.inline"));
    run(full, event -> {
      if (event.summaryEvent() != null) {
        summary.set(event.summaryEvent().resourceChanges());
      }
      events.accept(event);
    }, null);
    Map<String, Integer> changes = new TreeMap<>();
    if (summary.get() != null) {
      summary.get().forEach((op, count) -> changes.put(op.name().toLowerCase(Locale.ROOT), count));
    }
    return changes;
  }

  /** The stack's state through the CLI's standard output: an export never reaches a disk. */
  StackState export(boolean showSecrets) throws AutomationException {
    List<String> args = new ArrayList<>(List.of("stack", "export", "--stack", stack));
    if (showSecrets) {
      args.add("--show-secrets");
    }
    return StackState.parse(run(args, null, null).standardOutput());
  }

  /** Writes the state back through the CLI's standard input (the SDK's import uses a temp file). */
  void importState(String state) throws AutomationException {
    run(List.of("stack", "import", "--stack", stack), null, state);
  }

  /** Removes the stack, on any backend, whatever its state still holds: it manages nothing any more. */
  void removeStack() throws AutomationException {
    run(List.of("stack", "rm", "--yes", "--force", "--stack", stack), null, null);
  }

  /** Releases the stack's lock; fails when there is none. */
  void releaseLock() throws AutomationException {
    run(List.of("cancel", "--yes", "--stack", stack), null, null);
  }

  private com.pulumi.automation.CommandResult run(
      List<String> args, java.util.function.@Nullable Consumer<EngineEvent> events, @Nullable String standardInput) throws AutomationException {
    CommandRunOptions.Builder options = CommandRunOptions.builder().workingDir(directory).additionalEnv(environment);
    if (events != null) {
      options.onEngineEvent(events);
    }
    if (standardInput != null) {
      options.standardInput(standardInput);
    }
    return cli.run(args, options.build());
  }

  private static Map<String, String> environment(PulumiStackEngine.Settings settings, StackRun run, String stack) {
    Map<String, String> env = backendEnvironment(settings);
    env.put(CliPulumiCommand.JOB_ENV, run.jobId().toString());
    env.put("PULUMI_STACK", stack);
    return env;
  }

  /** What every CLI command of this service is given: the backend, its credentials, the passphrase, the plugins. */
  static Map<String, String> backendEnvironment(PulumiStackEngine.Settings settings) {
    Map<String, String> env = new HashMap<>(settings.environment());
    env.put("PULUMI_BACKEND_URL", settings.backendUrl());
    env.put("PULUMI_HOME", settings.pulumiHome().toString());
    if (settings.ignoreAmbientPlugins()) {
      env.put("PULUMI_IGNORE_AMBIENT_PLUGINS", "true");
    }
    if (settings.passphrase() != null) {
      env.put("PULUMI_CONFIG_PASSPHRASE", settings.passphrase());
    }
    return env;
  }

  /**
   * The stack's work directory, {@code <root>/<organization>/<project>/<stack>}: the service checks
   * names when a cluster is created, and this is the last word before a file is written, also for
   * names stored before those checks were as strict.
   */
  private static Path inside(Path root, StackName name) throws StackEngineException {
    for (String part : List.of(name.organization(), name.project(), name.stack())) {
      if (!PULUMI_NAME.matcher(part).matches() || DOTS_ONLY.matcher(part).matches()) {
        throw outside(name);
      }
    }
    Path base = root.toAbsolutePath().normalize();
    Path directory = base.resolve(name.organization()).resolve(name.project()).resolve(name.stack()).normalize();
    if (!directory.startsWith(base) || base.relativize(directory).getNameCount() != 3) {
      throw outside(name);
    }
    return directory;
  }

  private static StackEngineException outside(StackName name) {
    return new StackEngineException(EngineFailure.INTERNAL, "the stack " + name + " has no work directory of its own under the work root: "
        + "each part of its name must be 1 to 100 letters, digits, '.', '_' and '-', and not dots only");
  }
}
