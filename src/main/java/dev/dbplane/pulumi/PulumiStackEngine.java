package dev.dbplane.pulumi;

import com.pulumi.automation.AutomationException;
import com.pulumi.automation.ConcurrentUpdateException;
import com.pulumi.automation.events.EngineEvent;
import dev.dbplane.digitalocean.DigitalOceanApiException;
import dev.dbplane.engine.EngineFailure;
import dev.dbplane.engine.KindRegistry;
import dev.dbplane.engine.ResourceSpec;
import dev.dbplane.engine.StackEngine;
import dev.dbplane.engine.StackEngineException;
import dev.dbplane.engine.StackEvent;
import dev.dbplane.engine.StackResult;
import dev.dbplane.engine.StackRun;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The stack engine on the Pulumi CLI, driven as the Automation API does (its engine events, its
 * classified failures, the SDK's language runtime serving the inline program of the spec's kind), with
 * only the CLI commands each operation needs: an UP is the update (a first UP also creates the
 * stack), a PREVIEW one command, a REFRESH two (the refresh, and the export its outputs are read
 * from), a DESTROY one, a password rotation DigitalOcean's reset and a refresh, a drift check a
 * refresh that is only previewed. One stack per resource, each in a work directory of its own.
 * Engine events become job events as they happen.
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
  private final KindRegistry<KindProgram<?>> programs;

  PulumiStackEngine(CliPulumiCommand cli, Settings settings, ProviderPlugin plugin, List<KindProgram<?>> programs) {
    this.cli = cli;
    this.settings = settings;
    this.plugin = plugin;
    this.programs = new KindRegistry<>(programs, p -> p.specType().kind(), "program");
  }

  /** The outputs are the resource's as the engine registered it in this update, seen by the program. */
  @Override
  public StackResult up(StackRun run) throws StackEngineException {
    return onStack(run, workspace -> {
      workspace.ensureStack();
      StackProgram program = program(run);
      Map<String, Integer> changes;
      try (InlineProgramHost host = InlineProgramHost.start(program)) {
        changes = retryingLock(run, () -> workspace.operation(List.of("up", "--yes", "--skip-preview", "--client=" + host.address()), events(run)));
      }
      Map<String, String> outputs = program.outputs().orElseThrow(
          () -> new StackEngineException(EngineFailure.INTERNAL, "the update succeeded but the program never saw the resource's outputs"));
      return new StackResult(changes, outputs, kindOf(run).secretOutputs());
    });
  }

  @Override
  public StackResult preview(StackRun run) throws StackEngineException {
    return onStack(run, workspace -> {
      workspace.ensureStack();
      try (InlineProgramHost host = InlineProgramHost.start(program(run))) {
        return StackResult.changesOnly(workspace.operation(List.of("preview", "--client=" + host.address()), events(run)));
      }
    });
  }

  /**
   * Compares the stack with DigitalOcean; the events name every resource that drifted and how. The
   * outputs are read from the resource's refreshed state (the stack's outputs keep what the last UP
   * saw), even when the CLI counts every resource the same: it counts by the provider's diff of
   * inputs, and an output changed outside the service (a password reset, a pool's user's password)
   * is no input. A resource deleted outside the service is reported gone. A stack that holds no
   * resource yet has nothing to read.
   */
  @Override
  public StackResult refresh(StackRun run) throws StackEngineException {
    return onStack(run, workspace -> {
      Map<String, Integer> changes = refreshed(run, workspace);
      boolean nothingHeld = run.heldResourceId() == null && changes.keySet().stream().allMatch("same"::equals);
      return nothingHeld ? StackResult.changesOnly(changes) : stateAfterRefresh(run, workspace, changes);
    });
  }

  /**
   * DigitalOcean's reset_auth, then a refresh that reads the new password into the stack; the
   * outputs are read from the refreshed state, as after a refresh that found drift. A reset that
   * went through before a failed refresh still changed the password: the error says so, and the next
   * refresh or rotation reads the one DigitalOcean has.
   */
  @Override
  public StackResult rotatePassword(StackRun run) throws StackEngineException {
    return onStack(run, workspace -> {
      if (run.heldResourceId() == null) {
        throw new StackEngineException(EngineFailure.PROVIDER_ERROR,
            "the " + kindOf(run).noun() + " " + run.spec().resourceName() + " has not been provisioned: it has no password to rotate");
      }
      try {
        if (!resetPassword(kindOf(run), run)) {
          throw new StackEngineException(EngineFailure.INTERNAL, "a " + kindOf(run).noun() + " has no password of its own to rotate");
        }
      } catch (DigitalOceanApiException e) {
        throw PulumiFailures.refused("DigitalOcean did not reset the password of " + run.spec().resourceName(), e);
      }
      run.events().accept(StackEvent.of("password-reset",
          "DigitalOcean gave " + run.spec().resourceName() + " a new password; the old one no longer works. Reading it into the stack"));
      Map<String, Integer> changes;
      try {
        changes = refreshed(run, workspace);
      } catch (AutomationException e) {
        StackEngineException failure = PulumiFailures.classify(e, cli.takeStopped(run.jobId().toString()));
        throw new StackEngineException(failure.failure(), "the password was reset at DigitalOcean, but reading it into the stack failed ("
            + failure.getMessage() + "); a refresh or another rotation reads the password DigitalOcean has", failure);
      }
      return stateAfterRefresh(run, workspace, changes);
    });
  }

  /** The CLI's refresh as a preview: what differs is reported and nothing is written, the state included. */
  @Override
  public StackResult driftCheck(StackRun run) throws StackEngineException {
    return onStack(run, workspace -> StackResult.changesOnly(workspace.operation(List.of("refresh", "--preview-only"), events(run))));
  }

  private Map<String, Integer> refreshed(StackRun run, StackWorkspace workspace) throws AutomationException {
    return retryingLock(run, () -> workspace.operation(List.of("refresh", "--yes", "--skip-preview"), events(run)));
  }

  /** The outputs as the refreshed state holds them; a resource deleted outside the service is reported gone. */
  private StackResult stateAfterRefresh(StackRun run, StackWorkspace workspace, Map<String, Integer> changes)
      throws AutomationException, IOException {
    Optional<StackState.ResourceOutputs> resource = workspace.export(true).resource(kindOf(run));
    if (resource.isEmpty()) {
      String noun = kindOf(run).noun();
      run.events().accept(StackEvent.of(noun + "-gone", "the " + noun + " " + run.spec().resourceName() + " no longer exists at DigitalOcean"));
      return StackResult.gone(changes);
    }
    return new StackResult(changes, resource.get().values(), resource.get().secrets());
  }

  /**
   * Deletes the resource and removes the stack, in one command. A stack that never got its resource
   * (every UP failed before DigitalOcean made one, or the engine could not run) needs no CLI: it
   * is removed at once, so its record and name are freed even where the engine cannot run.
   */
  @Override
  public StackResult destroy(StackRun run) throws StackEngineException {
    Optional<StackResult> nothingToDestroy = destroyWithoutEngine(run);
    if (nothingToDestroy.isPresent()) {
      return nothingToDestroy.get();
    }
    return onStack(run, true, workspace -> {
      Map<String, Integer> changes =
          retryingLock(run, () -> workspace.operation(List.of("destroy", "--yes", "--skip-preview", "--remove"), events(run)));
      run.events().accept(StackEvent.of("stack-removed", "removed the stack " + workspace.stack()));
      return StackResult.changesOnly(changes);
    });
  }

  private Optional<StackResult> destroyWithoutEngine(StackRun run) throws StackEngineException {
    if (run.heldResourceId() != null || run.resumed()) {
      return Optional.empty();
    }
    try {
      StackWorkspace workspace = new StackWorkspace(settings, cli, run);
      if (!workspace.fileBackend() || !workspace.storedState().map(state -> state.managesNothing(kindOf(run))).orElse(true)) {
        return Optional.empty();
      }
      workspace.removeStackWithoutResources();
      run.events().accept(StackEvent.of("stack-removed",
          "the stack " + workspace.stack() + " holds no " + kindOf(run).noun() + ": nothing to delete at DigitalOcean, the stack is removed"));
      return Optional.of(StackResult.changesOnly(Map.of()));
    } catch (AutomationException | IOException | RuntimeException e) {
      return Optional.empty(); // the engine decides, as for any stack
    }
  }

  @Override
  public void cancel(StackRun run) {
    cli.stop(run.jobId().toString());
  }

  private interface StackWork<T> {
    T on(StackWorkspace workspace) throws AutomationException, IOException, StackEngineException;
  }

  private interface Attempt<T> {
    T run() throws AutomationException;
  }

  private StackResult onStack(StackRun run, StackWork<StackResult> work) throws StackEngineException {
    return onStack(run, false, work);
  }

  /**
   * @param destroying whether the work destroys the resource: a stack that lost it is then no
   *     failure when DigitalOcean has none either (the destroy went through, and the service
   *     stopped before it recorded so)
   */
  private StackResult onStack(StackRun run, boolean destroying, StackWork<StackResult> work) throws StackEngineException {
    try {
      cli.checkedVersion();
    } catch (EngineUnavailableException e) {
      throw new StackEngineException(EngineFailure.ENGINE_UNAVAILABLE, e.getMessage());
    }
    if (plugin.location().isEmpty()) {
      throw new StackEngineException(EngineFailure.ENGINE_UNAVAILABLE, plugin.missing());
    }
    String jobId = run.jobId().toString();
    try {
      StackWorkspace workspace = new StackWorkspace(settings, cli, run).prepare();
      if (run.resumed()) {
        recover(workspace, run);
      }
      if (run.heldResourceId() != null && !workspace.holds(kindOf(run))) {
        if (destroying && goneFromDigitalOcean(run)) {
          if (workspace.storedState().isPresent()) {
            workspace.removeStack();
          }
          run.events().accept(StackEvent.of("stack-removed", "the stack " + workspace.stack() + " holds no " + kindOf(run).noun()
              + " and DigitalOcean has no " + run.spec().resourceName() + ": it was destroyed already; the stack is gone"));
          return StackResult.changesOnly(Map.of());
        }
        throw new StackEngineException(EngineFailure.STATE_LOST, "the state of the stack " + workspace.stack()
            + " no longer holds the " + kindOf(run).noun() + " " + run.heldResourceId() + " (deleted or emptied outside the service); nothing"
            + " was changed, and the " + kindOf(run).noun() + " still exists at DigitalOcean. Restore the stack's state (a file backend keeps copies"
            + " under .pulumi/backups in its directory), then run the job again");
      }
      return work.on(workspace);
    } catch (AutomationException e) {
      throw PulumiFailures.classify(e, cli.takeStopped(jobId));
    } catch (DigitalOceanApiException e) {
      throw PulumiFailures.lookupFailed(e);
    } catch (StackEngineException e) {
      throw e;
    } catch (FileSystemException e) {
      // Its file says where to look (a data directory made read-only, a full disk).
      throw new StackEngineException(EngineFailure.INTERNAL, "the Pulumi engine cannot use " + e.getFile() + ": "
          + e.getClass().getSimpleName() + (e.getReason() == null ? "" : " (" + e.getReason() + ")"), e);
    } catch (Exception e) {
      throw new StackEngineException(EngineFailure.INTERNAL, "the Pulumi engine failed: " + e.getClass().getSimpleName(), e);
    } finally {
      cli.takeStopped(jobId);
    }
  }

  private StackProgram program(StackRun run) {
    return programOf(kindOf(run), run);
  }

  private <S extends ResourceSpec> StackProgram programOf(KindProgram<S> kind, StackRun run) {
    return kind.program(kind.specType().cast(run.spec()), run.token(), settings.digitaloceanApiEndpoint());
  }

  /** Whether DigitalOcean has no resource as the run's spec describes; a question it cannot answer is a failure. */
  private boolean goneFromDigitalOcean(StackRun run) throws StackEngineException {
    try {
      return existingId(kindOf(run), run).isEmpty();
    } catch (DigitalOceanApiException e) {
      throw PulumiFailures.refused("could not ask DigitalOcean whether the " + kindOf(run).noun() + " " + run.spec().resourceName()
          + " still exists, so its lost stack is not taken for destroyed", e);
    }
  }

  private static <S extends ResourceSpec> boolean resetPassword(KindProgram<S> kind, StackRun run) throws DigitalOceanApiException {
    return kind.resetPassword(kind.specType().cast(run.spec()), run.token());
  }

  private static <S extends ResourceSpec> Optional<String> existingId(KindProgram<S> kind, StackRun run) throws DigitalOceanApiException {
    return kind.existingId(kind.specType().cast(run.spec()), run.token());
  }

  private KindProgram<?> kindOf(StackRun run) {
    return programs.of(run.spec().kind());
  }

  /**
   * A run of this job was interrupted: release its stale lock, then settle the creates it left
   * pending. A create that reached DigitalOcean is taken into the stack by the resource's id, found by
   * its name; only one that never reached it is forgotten. Forgetting them all would have the
   * resumed UP create a second, orphaned resource (or fail on the name being taken).
   */
  private void recover(StackWorkspace workspace, StackRun run) throws AutomationException {
    try {
      workspace.releaseLock();
      run.events().accept(StackEvent.of("recovery", "released the lock left by the interrupted run"));
    } catch (AutomationException e) {
      run.events().accept(StackEvent.of("recovery", "no lock to release"));
    }
    StackState state;
    try {
      state = workspace.export(false);
    } catch (com.pulumi.automation.StackNotFoundException e) {
      return; // the interrupted run had not created the stack yet
    }
    List<StackState.PendingCreate> pending = state.pendingCreates();
    if (pending.isEmpty()) {
      return;
    }
    boolean forgotten = false;
    for (StackState.PendingCreate create : pending) {
      Optional<String> id = existingId(kindOf(run), run);
      if (id.isPresent()) {
        state = StackState.parse(state.adopting(create.urn(), id.get()));
        run.events().accept(new StackEvent("recovery",
            "the interrupted create of " + run.spec().resourceName() + " had reached DigitalOcean (" + kindOf(run).noun() + " " + id.get() + "): taking it into the stack", create.urn()));
      } else {
        forgotten = true;
        run.events().accept(new StackEvent("recovery",
            "the interrupted create of " + run.spec().resourceName() + " never reached DigitalOcean: it is created again", create.urn()));
      }
    }
    workspace.importState(state.json());
    // Reads what was taken in from DigitalOcean, and drops the creates that never reached it.
    List<String> refresh = new ArrayList<>(List.of("refresh", "--yes", "--skip-preview"));
    if (forgotten) {
      refresh.add("--clear-pending-creates");
    }
    workspace.operation(refresh, events(run));
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

  private static Consumer<EngineEvent> events(StackRun run) {
    return event -> EngineEvents.toStackEvent(event).ifPresent(run.events());
  }
}
