package dev.dbplane.job;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Jobs as metrics: how many ended, by operation and outcome, and how long they ran; engine errors by
 * class; the queue's depth and the age of its oldest job (read from the database, so every replica
 * reports the shared queue); and the runs this instance has in flight.
 */
final class JobMetrics {

  private static final Duration QUEUE_READ_EVERY = Duration.ofSeconds(5);

  private final MeterRegistry registry;
  private final JobStore store;
  private final Clock clock;
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicReference<QueueSnapshot> queue = new AtomicReference<>(new QueueSnapshot(0, null, Instant.EPOCH));

  private record QueueSnapshot(long depth, Instant oldest, Instant readAt) {}

  JobMetrics(MeterRegistry registry, JobStore store, Clock clock) {
    this.registry = registry;
    this.store = store;
    this.clock = clock;
    Gauge.builder("dbplane.jobs.queued", () -> queue().depth()).description("jobs waiting for a worker, in all replicas").register(registry);
    Gauge.builder("dbplane.jobs.queued.oldest.age", () -> oldestAgeSeconds()).baseUnit("seconds")
        .description("how long the oldest queued job has waited").register(registry);
    Gauge.builder("dbplane.jobs.running", running::get).description("runs in flight on this instance").register(registry);
  }

  void runStarted() {
    running.incrementAndGet();
  }

  void runEnded() {
    running.decrementAndGet();
  }

  void ended(Job job) {
    String operation = job.operation().name().toLowerCase(Locale.ROOT);
    String outcome = job.status().name().toLowerCase(Locale.ROOT);
    Counter.builder("dbplane.jobs.ended").tag("operation", operation).tag("outcome", outcome).register(registry).increment();
    if (job.startedAt() != null && job.finishedAt() != null) {
      Timer.builder("dbplane.jobs.duration").tag("operation", operation).tag("outcome", outcome).publishPercentileHistogram()
          .register(registry).record(Duration.between(job.startedAt(), job.finishedAt()));
    }
    if (job.error() != null) {
      Counter.builder("dbplane.engine.errors").tag("class", job.error().code().name()).register(registry).increment();
    }
  }

  private QueueSnapshot queue() {
    QueueSnapshot snapshot = queue.get();
    Instant now = clock.instant();
    if (Duration.between(snapshot.readAt(), now).compareTo(QUEUE_READ_EVERY) > 0) {
      JobStore.QueueStats stats = store.queueStats();
      snapshot = new QueueSnapshot(stats.depth(), stats.oldestQueuedAt(), now);
      queue.set(snapshot);
    }
    return snapshot;
  }

  private double oldestAgeSeconds() {
    QueueSnapshot snapshot = queue();
    return snapshot.oldest() == null ? 0 : Duration.between(snapshot.oldest(), clock.instant()).toMillis() / 1000.0;
  }
}
