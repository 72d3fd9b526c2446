package dev.dbplane.support;

import dev.dbplane.cluster.ClusterKind;
import dev.dbplane.engine.EngineFailure;
import dev.dbplane.engine.Operation;
import dev.dbplane.engine.ResourceSpec;
import dev.dbplane.engine.StackEngine;
import dev.dbplane.engine.StackEngineException;
import dev.dbplane.engine.StackEvent;
import dev.dbplane.engine.StackResult;
import dev.dbplane.engine.StackRun;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The engine of the tests: what each run does is scripted per cluster name (succeed, fail with a
 * classified error, wait to be released or cancelled, ignore a cancel). By default a run succeeds at
 * once, reports progress that mentions the token (so redaction can be seen to work), and for UP
 * returns outputs with secret values.
 */
public final class ScriptedStackEngine implements StackEngine {

  /** A run of the engine, as the engine saw it. */
  public record Call(UUID jobId, Operation operation, String clusterName, boolean resumed) {}

  /** What runs of one cluster do. */
  public sealed interface Script {}

  /** Succeed after a delay. */
  public record Succeed(Duration after) implements Script {}

  /** Fail with a classified error. */
  public record Fail(EngineFailure failure, String message) implements Script {}

  /** Wait until released (then succeed) or cancelled (then end as cancelled). */
  public record Block(CountDownLatch release) implements Script {}

  /** Wait until released, ignoring any cancel (to exercise timeouts). */
  public record IgnoreCancel(CountDownLatch release) implements Script {}

  /** Report {@code steps} events of progress ("step 1 of N", ...), then do what {@code then} says. */
  public record Chatty(int steps, Script then) implements Script {}

  public static final String SECRET_PASSWORD = "pw-OUTPUT-SECRET-MARKER";
  /** A rotated password is this, then the rotation's number: "pw-ROTATED-MARKER-1", "-2", ... */
  public static final String ROTATED_PASSWORD_PREFIX = "pw-ROTATED-MARKER-";
  public static final String SECRET_URI = "postgresql://doadmin:" + SECRET_PASSWORD + "@db.example:25060/defaultdb";

  private final Map<String, Script> scripts = new ConcurrentHashMap<>();
  private final Map<UUID, CountDownLatch> cancels = new ConcurrentHashMap<>();
  private final List<Call> calls = new CopyOnWriteArrayList<>();

  private volatile Script defaultScript = new Succeed(Duration.ZERO);
  private final Set<String> drifted = ConcurrentHashMap.newKeySet();

  /** From now on a drift check of this resource finds it drifted, as DigitalOcean changed it behind the service's back. */
  public void drift(String name) {
    drifted.add(name);
  }

  public void script(String clusterName, Script script) {
    scripts.put(clusterName, script);
  }

  /** What runs of clusters without a script of their own do. */
  public void defaultScript(Script script) {
    defaultScript = script;
  }

  public List<Call> calls() {
    return List.copyOf(calls);
  }

  public List<Call> callsFor(String clusterName) {
    return calls.stream().filter(c -> c.clusterName().equals(clusterName)).toList();
  }

  @Override
  public StackResult up(StackRun run) throws StackEngineException {
    return perform(Operation.UP, run);
  }

  @Override
  public StackResult preview(StackRun run) throws StackEngineException {
    return perform(Operation.PREVIEW, run);
  }

  @Override
  public StackResult refresh(StackRun run) throws StackEngineException {
    return perform(Operation.REFRESH, run);
  }

  @Override
  public StackResult destroy(StackRun run) throws StackEngineException {
    return perform(Operation.DESTROY, run);
  }

  @Override
  public StackResult rotatePassword(StackRun run) throws StackEngineException {
    return perform(Operation.ROTATE_PASSWORD, run);
  }

  @Override
  public StackResult driftCheck(StackRun run) throws StackEngineException {
    return perform(Operation.DRIFT_CHECK, run);
  }

  @Override
  public void cancel(StackRun run) {
    cancels.computeIfAbsent(run.jobId(), id -> new CountDownLatch(1)).countDown();
  }

  private StackResult perform(Operation operation, StackRun run) throws StackEngineException {
    String cluster = run.spec().resourceName();
    calls.add(new Call(run.jobId(), operation, cluster, run.resumed()));
    run.events().accept(new StackEvent("diagnostic", "using token " + run.token().reveal() + " for " + cluster, "urn:pulumi:" + cluster));
    run.events().accept(StackEvent.of("resource-" + operation.name().toLowerCase(), operation + " " + cluster));
    Script script = scripts.getOrDefault(cluster, defaultScript);
    if (script instanceof Chatty chatty) {
      for (int step = 1; step <= chatty.steps(); step++) {
        run.events().accept(StackEvent.of("diagnostic-info", "step " + step + " of " + chatty.steps()));
      }
      script = chatty.then();
    }
    CountDownLatch cancel = cancels.computeIfAbsent(run.jobId(), id -> new CountDownLatch(1));
    try {
      if (script instanceof Succeed succeed) {
        Thread.sleep(succeed.after().toMillis());
      } else if (script instanceof Fail fail) {
        throw new StackEngineException(fail.failure(), fail.message());
      } else if (script instanceof Block block) {
        while (!block.release().await(20, TimeUnit.MILLISECONDS)) {
          if (cancel.getCount() == 0) {
            throw new StackEngineException(EngineFailure.CANCELLED, "stopped on request");
          }
        }
      } else if (script instanceof IgnoreCancel ignore) {
        ignore.release().await();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StackEngineException(EngineFailure.CANCELLED, "interrupted");
    }
    return result(operation, run.spec());
  }

  /**
   * A cluster's outputs as its program exports them; of any other kind, its DigitalOcean id, and
   * after a password rotation a password new to each rotation.
   */
  private StackResult result(Operation operation, ResourceSpec spec) {
    String name = spec.resourceName();
    Map<String, String> id = Map.of("id", "id-" + spec.kind() + "-" + name);
    return switch (operation) {
      case UP -> !spec.kind().equals(ClusterKind.NAME) ? new StackResult(Map.of("create", 1), id, Set.of()) : new StackResult(
          Map.of("create", 2),
          Map.of(
              "cluster_id", "id-" + name,
              "host", name + ".db.example",
              "port", "25060",
              "database_user", "doadmin",
              "database_password", SECRET_PASSWORD,
              "connection_uri", SECRET_URI),
          Set.of("database_password", "connection_uri"));
      case PREVIEW -> StackResult.changesOnly(Map.of("update", 1, "same", 1));
      case REFRESH -> StackResult.changesOnly(Map.of("same", 2));
      case DRIFT_CHECK -> StackResult.changesOnly(drifted.contains(name) ? Map.of("update", 1, "same", 1) : Map.of("same", 2));
      case DESTROY -> StackResult.changesOnly(Map.of("delete", 2));
      case ROTATE_PASSWORD -> new StackResult(Map.of("update", 1),
          Map.of("id", id.get("id"), "password", ROTATED_PASSWORD_PREFIX + callsFor(name).stream().filter(c -> c.operation() == operation).count()),
          Set.of("password"));
    };
  }
}
