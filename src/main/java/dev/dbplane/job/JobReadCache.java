package dev.dbplane.job;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Serves the job reads of portals that poll: an ended job never changes again, so it is kept; an
 * active one is kept for a fraction of a second, so that many callers polling the same job cost one
 * database read. Only reads for callers go through it; the runner always reads the database.
 */
final class JobReadCache {

  static final int MAX_ENTRIES = 10_000;

  private record Entry(Job job, long loadedAt) {}

  private final Map<UUID, Entry> entries = new ConcurrentHashMap<>();
  private final long activeTtlNanos;

  JobReadCache(Duration activeTtl) {
    this.activeTtlNanos = activeTtl.toNanos();
  }

  Optional<Job> get(UUID id, Function<UUID, Optional<Job>> load) {
    Entry entry = entries.get(id);
    long now = System.nanoTime();
    if (entry != null && (entry.job().status().isTerminal() || now - entry.loadedAt() < activeTtlNanos)) {
      return Optional.of(entry.job());
    }
    Optional<Job> loaded = load.apply(id);
    loaded.ifPresentOrElse(this::put, () -> entries.remove(id));
    return loaded;
  }

  /** Records a job just read or changed by this instance. */
  void put(Job job) {
    if (entries.size() >= MAX_ENTRIES) {
      entries.clear();
    }
    entries.put(job.id(), new Entry(job, System.nanoTime()));
  }
}
