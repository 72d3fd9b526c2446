package dev.dbplane.pulumi;

import com.pulumi.automation.AutomationException;
import com.pulumi.automation.CommandRunOptions;
import com.pulumi.automation.ConcurrentUpdateException;
import com.pulumi.automation.DestroyOptions;
import com.pulumi.automation.LocalWorkspace;
import com.pulumi.automation.LocalWorkspaceOptions;
import com.pulumi.automation.OperationType;
import com.pulumi.automation.OutputValue;
import com.pulumi.automation.PreviewOptions;
import com.pulumi.automation.PreviewResult;
import com.pulumi.automation.ProjectBackend;
import com.pulumi.automation.ProjectRuntimeName;
import com.pulumi.automation.ProjectSettings;
import com.pulumi.automation.RefreshOptions;
import com.pulumi.automation.UpOptions;
import com.pulumi.automation.UpResult;
import com.pulumi.automation.UpdateResult;
import com.pulumi.automation.WorkspaceStack;
import com.pulumi.automation.events.EngineEvent;
import dev.dbplane.digitalocean.DigitalOceanApi;
import dev.dbplane.digitalocean.DigitalOceanApiException;
import dev.dbplane.engine.EngineFailure;
import dev.dbplane.engine.StackEngine;
import dev.dbplane.engine.StackEngineException;
import dev.dbplane.engine.StackEvent;
import dev.dbplane.engine.StackName;
import dev.dbplane.engine.StackResult;
import dev.dbplane.engine.StackRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The stack engine on Pulumi's Automation API: one stack per cluster, each in a work directory of
 * its own (the 1.36.1 API acts on the stack last selected in a work directory), with the inline
 * {@link ClusterProgram}. Engine events become job events as they happen.
 */
final class PulumiStackEngine implements StackEngine {

  /** Where stacks live and how they are run; everything but the CLI. */
  record Settings(
      Path workRoot,
      Path pulumiHome,
      String backendUrl,
      String secretsProvider,
      @Nullable String passphrase,
      @Nullable String digitaloceanApiEndpoint,
      boolean ignoreAmbientPlugins,
      Map<String, String> environment,
      Duration lockRetryWait) {

    /** Self-managed backends (files, buckets) know only the "organization" organization. */
    boolean selfManagedBackend() {
      return backendUrl.startsWith("file://") || backendUrl.startsWith("s3://") || backendUrl.startsWith("gs://")
          || backendUrl.startsWith("azblob://");
    }
  }

  private static final int LOCK_ATTEMPTS = 3;

  private final CliPulumiCommand cli;
  private final Settings settings;
  private final ProviderPlugin plugin;
  private final DigitalOceanApi digitalocean;

  PulumiStackEngine(CliPulumiCommand cli, Settings settings, ProviderPlugin plugin, DigitalOceanApi digitalocean) {
    this.cli = cli;
    this.settings = settings;
    this.plugin = plugin;
    this.digitalocean = digitalocean;
  }

  @Override
  public StackResult up(StackRun run) throws StackEngineException {
    return onStack(run, stack -> {
      UpResult result = retryingLock(run, () -> stack.up(UpOptions.builder().onEvent(events(run)).color("never").build()));
      return new StackResult(changes(result.summary().resourceChanges()), values(result.outputs()), secretKeys(result.outputs()));
    });
  }

  @Override
  public StackResult preview(StackRun run) throws StackEngineException {
    return onStack(run, stack -> {
      PreviewResult result = stack.preview(PreviewOptions.builder().onEvent(events(run)).color("never").build());
      return StackResult.changesOnly(changes(result.changeSummary()));
    });
  }

  /**
   * Compares the stack with DigitalOcean; the events name every resource that drifted and how. The
   * outputs are read from the cluster's refreshed state, not from the stack's outputs, which keep
   * what the last UP saw: a cluster deleted outside the service is reported gone.
   */
  @Override
  public StackResult refresh(StackRun run) throws StackEngineException {
    return onStack(run, stack -> {
      UpdateResult result = retryingLock(run, () -> stack.refresh(RefreshOptions.builder().onEvent(events(run)).color("never").build()));
      Map<String, Integer> changes = changes(result.summary().resourceChanges());
      Optional<StackState.ClusterOutputs> cluster = export(run, true).cluster();
      if (cluster.isEmpty()) {
        run.events().accept(StackEvent.of("cluster-gone", "the cluster " + run.spec().clusterName() + " no longer exists at DigitalOcean"));
        return StackResult.gone(changes);
      }
      return new StackResult(changes, cluster.get().values(), cluster.get().secrets());
    });
  }

  @Override
  public StackResult destroy(StackRun run) throws StackEngineException {
    return onStack(run, stack -> {
      UpdateResult result = retryingLock(run, () -> stack.destroy(DestroyOptions.builder().onEvent(events(run)).color("never").build()));
      stack.workspace().removeStack(stack.name());
      run.events().accept(StackEvent.of("stack-removed", "removed the stack " + stack.name()));
      return StackResult.changesOnly(changes(result.summary().resourceChanges()));
    });
  }

  @Override
  public void cancel(StackRun run) {
    cli.stop(run.jobId().toString());
  }

  private interface StackWork<T> {
    T on(WorkspaceStack stack) throws AutomationException;
  }

  private interface Attempt<T> {
    T run() throws AutomationException;
  }

  private StackResult onStack(StackRun run, StackWork<StackResult> work) throws StackEngineException {
    try {
      cli.checkedVersion();
    } catch (EngineUnavailableException e) {
      throw new StackEngineException(EngineFailure.ENGINE_UNAVAILABLE, e.getMessage());
    }
    if (plugin.location().isEmpty()) {
      throw new StackEngineException(EngineFailure.ENGINE_UNAVAILABLE, plugin.missing());
    }
    StackName name = run.spec().stack();
    String jobId = run.jobId().toString();
    try (WorkspaceStack stack = LocalWorkspace.createOrSelectStack(name.project(), stackName(name),
        new ClusterProgram(run.spec(), run.token(), settings.digitaloceanApiEndpoint()), options(run))) {
      if (run.resumed()) {
        recover(stack, run);
      }
      return work.on(stack);
    } catch (AutomationException e) {
      throw PulumiFailures.classify(e, cli.takeStopped(jobId));
    } catch (DigitalOceanApiException e) {
      throw PulumiFailures.lookupFailed(e);
    } catch (StackEngineException e) {
      throw e;
    } catch (Exception e) {
      throw new StackEngineException(EngineFailure.INTERNAL, "the Pulumi engine failed: " + e.getClass().getSimpleName(), e);
    } finally {
      cli.takeStopped(jobId);
    }
  }

  /**
   * A run of this job was interrupted: release its stale lock, then settle the creates it left
   * pending. A create that reached DigitalOcean is taken into the stack by the cluster's id, found by
   * its name; only one that never reached it is forgotten. Forgetting them all would have the
   * resumed UP create a second, orphaned cluster (or fail on the name being taken).
   */
  private void recover(WorkspaceStack stack, StackRun run) throws AutomationException {
    try {
      stack.cancel();
      run.events().accept(StackEvent.of("recovery", "released the lock left by the interrupted run"));
    } catch (AutomationException e) {
      run.events().accept(StackEvent.of("recovery", "no lock to release"));
    }
    StackState state = export(run, false);
    List<StackState.PendingCreate> pending = state.pendingCreates();
    if (pending.isEmpty()) {
      return;
    }
    boolean forgotten = false;
    for (StackState.PendingCreate create : pending) {
      Optional<String> id = create.name() == null ? Optional.empty() : digitalocean.findClusterId(run.token(), create.name());
      if (id.isPresent()) {
        state = StackState.parse(state.adopting(create.urn(), id.get()));
        run.events().accept(new StackEvent("recovery",
            "the interrupted create of " + create.name() + " had reached DigitalOcean (cluster " + id.get() + "): taking it into the stack", create.urn()));
      } else {
        forgotten = true;
        run.events().accept(new StackEvent("recovery",
            "the interrupted create of " + create.name() + " never reached DigitalOcean: it is created again", create.urn()));
      }
    }
    importState(run, state.json());
    // Reads what was taken in from DigitalOcean, and drops the creates that never reached it.
    stack.refresh(RefreshOptions.builder().clearPendingCreates(forgotten).onEvent(events(run)).color("never").build());
  }


  /** A lock held by someone else may be released soon (a replica finishing); try a few times. */
  private <T> T retryingLock(StackRun run, Attempt<T> attempt) throws AutomationException {
    for (int i = 1; ; i++) {
      try {
        return attempt.run();
      } catch (ConcurrentUpdateException e) {
        if (i == LOCK_ATTEMPTS) {
          throw e;
        }
        run.events().accept(StackEvent.of("stack-locked", "the stack is locked by another update; retrying in " + settings.lockRetryWait()));
        try {
          Thread.sleep(settings.lockRetryWait().toMillis());
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  private String stackName(StackName name) {
    return settings.selfManagedBackend() ? name.stack() : name.fullyQualified();
  }

  private LocalWorkspaceOptions options(StackRun run) throws IOException {
    return LocalWorkspaceOptions.builder()
        .workDir(Files.createDirectories(workDir(run)))
        .pulumiHome(settings.pulumiHome())
        .pulumiCommand(cli)
        .secretsProvider(settings.secretsProvider())
        .environmentVariables(environment(run))
        .projectSettings(
            ProjectSettings.builder(run.spec().stack().project(), ProjectRuntimeName.JAVA)
                .backend(ProjectBackend.builder().url(settings.backendUrl()).build())
                .build())
        .build();
  }

  private Path workDir(StackRun run) {
    StackName name = run.spec().stack();
    return settings.workRoot().resolve(safe(name.organization())).resolve(safe(name.project())).resolve(safe(name.stack()));
  }

  private Map<String, String> environment(StackRun run) {
    StackName name = run.spec().stack();
    Map<String, String> env = new HashMap<>(settings.environment());
    env.put(CliPulumiCommand.JOB_ENV, run.jobId().toString());
    env.put("PULUMI_STACK", stackName(name));
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
   * The stack's state, read through the CLI's standard output only: the SDK's import goes through a
   * temporary file, and an export with its secrets shown must never reach a disk.
   */
  private StackState export(StackRun run, boolean showSecrets) throws AutomationException {
    List<String> args = new ArrayList<>(List.of("stack", "export", "--stack", stackName(run.spec().stack())));
    if (showSecrets) {
      args.add("--show-secrets");
    }
    return StackState.parse(cli.run(args, commandOptions(run, null)).standardOutput());
  }

  /** Writes the state back, through the CLI's standard input: secrets stay as the export had them. */
  private void importState(StackRun run, String state) throws AutomationException {
    cli.run(List.of("stack", "import", "--stack", stackName(run.spec().stack())), commandOptions(run, state));
  }

  private CommandRunOptions commandOptions(StackRun run, @Nullable String standardInput) {
    CommandRunOptions.Builder options = CommandRunOptions.builder().workingDir(workDir(run)).additionalEnv(environment(run));
    return (standardInput == null ? options : options.standardInput(standardInput)).build();
  }


  private static Consumer<EngineEvent> events(StackRun run) {
    return event -> EngineEvents.toStackEvent(event).ifPresent(run.events());
  }

  private static Map<String, Integer> changes(@Nullable Map<OperationType, Integer> summary) {
    Map<String, Integer> changes = new TreeMap<>();
    if (summary != null) {
      summary.forEach((op, count) -> changes.put(op.name().toLowerCase(Locale.ROOT), count));
    }
    return changes;
  }

  private static Map<String, String> values(Map<String, OutputValue> outputs) {
    return outputs.entrySet().stream()
        .filter(e -> e.getValue().value() != null)
        .collect(Collectors.toMap(Map.Entry::getKey, e -> String.valueOf(e.getValue().value())));
  }

  private static Set<String> secretKeys(Map<String, OutputValue> outputs) {
    return outputs.entrySet().stream().filter(e -> e.getValue().isSecret()).map(Map.Entry::getKey).collect(Collectors.toSet());
  }

  private static String safe(String part) {
    return part.replaceAll("[^A-Za-z0-9._-]", "-");
  }
}
