package dev.dbplane.pulumi;

import com.pulumi.automation.AutomationException;
import com.pulumi.automation.CommandException;
import com.pulumi.automation.CommandResult;
import com.pulumi.automation.CommandRunOptions;
import com.pulumi.automation.ConcurrentUpdateException;
import com.pulumi.automation.PulumiCommand;
import com.pulumi.automation.StackAlreadyExistsException;
import com.pulumi.automation.StackNotFoundException;
import com.pulumi.automation.Version;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the Pulumi CLI for the Automation API, where {@code LocalPulumiCommand} falls short: the CLI
 * is any configured path (not only {@code pulumi} on PATH), and the process of a job's run can be
 * stopped. Each run is registered under the job id that the workspace puts in its environment, so
 * that a cancel can signal the CLI (which then cancels the update, stops its providers and releases
 * the stack's lock), and kill it with its providers if it does not stop. Every process is recorded
 * on disk while it runs, so that the next start of a killed service stops what it left running.
 */
final class CliPulumiCommand implements PulumiCommand {

  /** The environment variable that names the job a run belongs to. */
  static final String JOB_ENV = "DBPLANE_JOB_ID";
  /** The oldest CLI the Automation API of SDK 1.36.1 supports. */
  static final Version MINIMUM_VERSION = Version.of(3, 95, 0);

  private static final Logger log = LoggerFactory.getLogger(CliPulumiCommand.class);
  private static final Pattern STACK_NOT_FOUND = Pattern.compile("no stack named.*found");
  private static final Pattern STACK_EXISTS = Pattern.compile("stack.*already exists");
  private static final long STOP_WAIT_SECONDS = 30;
  private static final long PIPE_DRAIN_MILLIS = 10_000;

  /**
   * The CLI knows its hidden {@code --event-log} flag only with this set (as Pulumi's own
   * command runner does); and it must never try to download a plugin: production installs the
   * pinned one, and a missing one is a clear failure, not five download attempts.
   */
  private static final Map<String, String> CLI_ENVIRONMENT =
      Map.of("PULUMI_DEBUG_COMMANDS", "true", "PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION", "true", "PULUMI_SKIP_UPDATE_CHECK", "true");
  private static final long DESCENDANTS_POLL_MILLIS = 500;

  private final String cli;
  private final Path runDirectory;
  /**
   * The temp directory of the CLI and its plugins: private, one per service process (replicas may
   * share a data directory), and removed at start-up once its process is gone.
   */
  private final Path temporaryDirectory;
  private final RunRecords records;
  private final Map<String, Process> running = new ConcurrentHashMap<>();
  private final Set<String> stopped = ConcurrentHashMap.newKeySet();
  private volatile @Nullable Version version;

  /**
   * @param runDirectory where event logs and the records of running processes are kept; made
   *     readable by this service only
   */
  CliPulumiCommand(String cli, Path runDirectory) throws IOException {
    this.cli = cli;
    this.runDirectory = PrivateFiles.directory(runDirectory);
    this.temporaryDirectory = PrivateFiles.directory(runDirectory.resolve("tmp").resolve(Long.toString(ProcessHandle.current().pid())));
    this.records = new RunRecords(runDirectory);
  }

  /**
   * Stops what a killed service left: CLI processes still running (one may hold a stack's lock or
   * change a cluster) and event logs that may hold secrets. Runs at start-up, before any job.
   */
  void cleanUpAfterCrash() throws IOException {
    int processes = records.stopOrphans();
    int logs = EventLog.removeLeftovers(runDirectory);
    int temporary = removeTemporaryDirectoriesOfDeadServices();
    if (processes + logs + temporary > 0) {
      log.warn("cleaned up after a service that was killed: {} Pulumi process(es) stopped, {} event log(s) and {} temporary file(s) removed",
          processes, logs, temporary);
    }
  }

  private int removeTemporaryDirectoriesOfDeadServices() throws IOException {
    int removed = 0;
    try (var directories = Files.list(temporaryDirectory.getParent())) {
      for (Path directory : (Iterable<Path>) directories::iterator) {
        String name = directory.getFileName().toString();
        boolean alive = name.chars().allMatch(Character::isDigit) && ProcessHandle.of(Long.parseLong(name)).isPresent();
        if (!alive) {
          removed += PrivateFiles.deleteTree(directory);
        }
      }
    }
    return removed;
  }

  /**
   * The CLI's version, read once it runs.
   *
   * @throws EngineUnavailableException when the CLI cannot be run or is too old
   */
  Version checkedVersion() {
    Version known = version;
    if (known != null) {
      return known;
    }
    CommandResult result;
    try {
      result = execute(List.of("version"), CommandRunOptions.Empty, null, false);
    } catch (IOException e) {
      throw new EngineUnavailableException(
          "the Pulumi CLI '" + cli + "' cannot be run (" + e.getMessage() + "): install Pulumi CLI "
              + MINIMUM_VERSION + " or newer and put it on PATH, or set dbplane.pulumi.cli to its path");
    }
    Version parsed =
        Version.tryParse(result.standardOutput().trim().replaceFirst("^v", ""))
            .orElseThrow(() -> new EngineUnavailableException(
                "the Pulumi CLI '" + cli + "' printed no version ('" + result.standardOutput().trim()
                    + "'); a CLI built from source must be stamped with its version"));
    if (parsed.isLowerThan(MINIMUM_VERSION)) {
      throw new EngineUnavailableException(
          "the Pulumi CLI '" + cli + "' is version " + parsed + "; install " + MINIMUM_VERSION + " or newer");
    }
    version = parsed;
    return parsed;
  }

  @Override
  public Version version() {
    return checkedVersion();
  }

  @Override
  public CommandResult run(List<String> args, CommandRunOptions options) throws AutomationException {
    List<String> fullArgs = new ArrayList<>(args);
    fullArgs.add("--non-interactive");
    String jobId = options.additionalEnv().get(JOB_ENV);
    if (jobId != null && stopped.contains(jobId)) {
      throw new AutomationException("the job was stopped before 'pulumi " + String.join(" ", args) + "' started");
    }
    EventLog eventLog = null;
    try {
      if (options.onEngineEvent() != null) {
        eventLog = EventLog.open(runDirectory, jobId == null ? "run" : jobId, options.onEngineEvent());
        fullArgs.add("--event-log");
        fullArgs.add(eventLog.path().toString());
      }
      CommandResult result = execute(fullArgs, options, jobId, true);
      if (result.code() != 0) {
        throw failure(result);
      }
      return result;
    } catch (IOException e) {
      throw new AutomationException("the Pulumi CLI '" + cli + "' cannot be run: " + e.getMessage(), e);
    } finally {
      if (eventLog != null) {
        eventLog.close();
      }
    }
  }

  /**
   * Asks the CLI running this job's command, if any, to stop, and kills it if it does not; the
   * job's next command, if it was between two, never starts.
   */
  void stop(String jobId) {
    stopped.add(jobId);
    Process process = running.get(jobId);
    if (process == null) {
      return;
    }
    // Its plugins as they are now: once it has stopped, none of them may outlive it, even one the
    // look-up of its session after its exit misses.
    List<ProcessHandle> plugins = process.toHandle().descendants().toList();
    // SIGTERM, and only the signal: Process.destroy() would also close the CLI's pipes, and a CLI
    // that cannot write dies of SIGPIPE with its lock, a pending create and a torn state left.
    process.toHandle().destroy();
    Thread killer = new Thread(() -> {
      try {
        if (!process.waitFor(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          process.waitFor();
        }
        plugins.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "pulumi-stop");
    killer.setDaemon(true);
    killer.start();
  }

  /** Whether this job's CLI was stopped on request since the last call; clears the mark. */
  boolean takeStopped(String jobId) {
    return stopped.remove(jobId);
  }

  /** @param ownSession whether the CLI leads a process group of its own, for the plugins it starts */
  private CommandResult execute(List<String> args, CommandRunOptions options, @Nullable String jobId, boolean ownSession) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(cli);
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(ownSession ? ProcessSession.leading(command) : command);
    if (options.workingDir() != null) {
      builder.directory(options.workingDir().toFile());
    }
    builder.environment().putAll(options.additionalEnv());
    builder.environment().putAll(CLI_ENVIRONMENT);
    builder.environment().put("TMPDIR", temporaryDirectory.toString());
    Process process = builder.start();
    Path record = records.record(jobId == null ? "run" : jobId, process.toHandle());
    if (jobId != null) {
      running.put(jobId, process);
    }
    Instant started = process.toHandle().info().startInstant().orElse(Instant.EPOCH);
    try {
      StringBuilder out = new StringBuilder();
      StringBuilder err = new StringBuilder();
      Thread outReader = pump(process.getInputStream(), out, options.onStandardOutput());
      Thread errReader = pump(process.getErrorStream(), err, options.onStandardError());
      try (OutputStream stdin = process.getOutputStream()) {
        if (options.standardInput() != null) {
          stdin.write(options.standardInput().getBytes(StandardCharsets.UTF_8));
        }
      }
      int code = process.waitFor();
      // A plugin the CLI left behind may still hold the pipes open: do not wait on it for ever.
      outReader.join(PIPE_DRAIN_MILLIS);
      errReader.join(PIPE_DRAIN_MILLIS);
      synchronized (out) {
        synchronized (err) {
          return new CommandResult(code, out.toString(), err.toString());
        }
      }
    } catch (InterruptedException e) {
      process.toHandle().destroy();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while the CLI ran", e);
    } finally {
      // A plugin that outlived its CLI (killed, or dead of a signal) would live on for minutes under init.
      if (!process.isAlive()) {
        ProcessSession.stopMembers(process.pid(), started);
      }
      if (jobId != null) {
        running.remove(jobId, process);
      }
      if (!process.isAlive()) {
        records.remove(record);
      }
    }
  }



  private static Thread pump(InputStream stream, StringBuilder sink, @Nullable Consumer<String> lines) {
    Thread thread = new Thread(() -> {
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
        String line;
        while ((line = reader.readLine()) != null) {
          synchronized (sink) {
            sink.append(line).append('\n');
          }
          if (lines != null) {
            lines.accept(line);
          }
        }
      } catch (IOException e) {
        // The process went away; what was read is kept.
      }
    }, "pulumi-output");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  /** The Automation API's own exceptions, classified from the CLI's error output as it does. */
  static CommandException failure(CommandResult result) {
    String stderr = result.standardError();
    if (STACK_NOT_FOUND.matcher(stderr).find()) {
      return new StackNotFoundException(result);
    }
    if (STACK_EXISTS.matcher(stderr).find()) {
      return new StackAlreadyExistsException(result);
    }
    if (stderr.contains("[409] Conflict: Another update is currently in progress.") || stderr.contains("the stack is currently locked by")) {
      return new ConcurrentUpdateException(result);
    }
    return new CommandException(result);
  }
}
