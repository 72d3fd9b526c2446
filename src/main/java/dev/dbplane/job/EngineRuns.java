package dev.dbplane.job;

import dev.dbplane.engine.Operation;
import dev.dbplane.engine.StackEngine;
import dev.dbplane.engine.StackResult;
import dev.dbplane.engine.StackRun;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.MDC;

/**
 * This instance's runs of the engine, each on a thread of a bounded pool of its own, so that the
 * scheduler's worker is free to watch it; counted in the metrics while in flight.
 */
final class EngineRuns {

  private final StackEngine engine;
  private final ExecutorService threads;
  private final JobMetrics metrics;

  EngineRuns(StackEngine engine, int workers, JobMetrics metrics) {
    this.engine = engine;
    this.metrics = metrics;
    AtomicInteger count = new AtomicInteger();
    this.threads = Executors.newFixedThreadPool(workers, r -> new Thread(r, "engine-run-" + count.incrementAndGet()));
  }

  /** Starts the run; its log lines carry the job and the cluster of the thread that started it. */
  Future<StackResult> start(Operation operation, StackRun run) {
    Map<String, String> logContext = MDC.getCopyOfContextMap();
    return threads.submit(() -> {
      MDC.setContextMap(logContext == null ? Map.of() : logContext);
      metrics.runStarted();
      try {
        return engine.run(operation, run);
      } finally {
        metrics.runEnded();
        MDC.clear();
      }
    });
  }

  /** Asks the run to stop, and returns at once. */
  void stop(StackRun run) {
    engine.cancel(run);
  }

  /** Interrupts the runs still going: the service is closing. */
  void close() {
    threads.shutdownNow();
  }
}
