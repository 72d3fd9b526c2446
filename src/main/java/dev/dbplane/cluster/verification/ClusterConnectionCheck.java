package dev.dbplane.cluster.verification;

import dev.dbplane.cluster.ClusterKind;
import dev.dbplane.cluster.ClusterSpec;
import dev.dbplane.engine.ConnectionCheck;
import dev.dbplane.engine.ResourceSpec;
import dev.dbplane.engine.Verification;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Connects to a cluster with its connection URI after its UP, as its clients will: PostgreSQL and
 * MySQL are asked {@code SELECT version()}, Redis and Valkey {@code PING}, MongoDB {@code hello}
 * (and each its version). The whole check is bounded: a cluster that takes longer counts as not
 * answering.
 */
public final class ClusterConnectionCheck implements ConnectionCheck, AutoCloseable {

  /** The output that holds the URI a client connects with. */
  static final String URI_OUTPUT = "connection_uri";

  private final Duration within;
  private final Clock clock;
  // Checks run here, so that one that hangs past its bound is abandoned, not waited for.
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread thread = new Thread(r, "cluster-check");
    thread.setDaemon(true);
    return thread;
  });

  public ClusterConnectionCheck(Duration within, Clock clock) {
    this.within = within;
    this.clock = clock;
  }

  @Override
  public Optional<Verification> check(ResourceSpec spec, Map<String, String> outputs) {
    if (!ClusterKind.NAME.equals(spec.kind()) || !outputs.containsKey(URI_OUTPUT)) {
      return Optional.empty();
    }
    Optional<EngineProbe> probe = EngineProbe.of(((ClusterSpec) spec).engine());
    if (probe.isEmpty()) {
      return Optional.empty();
    }
    URI uri = URI.create(outputs.get(URI_OUTPUT));
    // A mongodb+srv URI names no port: DNS gives the hosts and their ports.
    String where = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    Instant at = clock.instant();
    Future<String> answer = threads.submit(() -> probe.get().serverVersion(uri, within));
    try {
      String version = answer.get(within.toMillis(), TimeUnit.MILLISECONDS);
      return Optional.of(new Verification(true, probe.get().query(), version,
          "the cluster answered " + probe.get().query() + " at " + where + ": " + version, at));
    } catch (TimeoutException e) {
      answer.cancel(true);
      return Optional.of(notAnswered(probe.get(), where, "no answer within " + within, at));
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      return Optional.of(notAnswered(probe.get(), where, cause.getClass().getSimpleName() + ": " + cause.getMessage(), at));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      answer.cancel(true);
      return Optional.of(notAnswered(probe.get(), where, "the check was interrupted", at));
    }
  }

  private static Verification notAnswered(EngineProbe probe, String where, String why, Instant at) {
    return new Verification(false, probe.query(), null, "the cluster did not answer " + probe.query() + " at " + where + " (" + why
        + "); it was provisioned all the same: check its trusted sources and this service's network path to it", at);
  }

  @Override
  public void close() {
    threads.shutdownNow();
  }
}
