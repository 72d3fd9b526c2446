package dev.dbplane.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbplane.cluster.ClusterSpec;
import dev.dbplane.engine.Operation;
import dev.dbplane.engine.StackName;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class JobReadCacheTest {

  private static Job job(UUID id, JobStatus status) {
    ClusterSpec spec =
        new ClusterSpec("c", "pg", "16", "nyc3", "db-s-1vcpu-1gb", 1, null, null, List.of(), false, new StackName("o", "p", "s"));
    return new Job(id, UUID.randomUUID(), "c", Operation.UP, status, "t", 1, spec, List.of(), null, null, 0, Instant.now(), null, null, null);
  }

  @Test
  void anEndedJobIsReadFromTheDatabaseOnce() {
    JobReadCache cache = new JobReadCache(Duration.ZERO);
    UUID id = UUID.randomUUID();
    AtomicInteger loads = new AtomicInteger();
    for (int i = 0; i < 5; i++) {
      cache.get(id, key -> {
        loads.incrementAndGet();
        return Optional.of(job(key, JobStatus.SUCCEEDED));
      });
    }
    assertThat(loads).hasValue(1);
  }

  @Test
  void anActiveJobIsReadAgainOnceItsFreshnessHasPassed() throws InterruptedException {
    JobReadCache cache = new JobReadCache(Duration.ofMillis(50));
    UUID id = UUID.randomUUID();
    AtomicInteger loads = new AtomicInteger();
    cache.get(id, key -> Optional.of(job(key, JobStatus.RUNNING)));
    cache.get(id, key -> {
      loads.incrementAndGet();
      return Optional.of(job(key, JobStatus.RUNNING));
    });
    assertThat(loads).hasValue(0);
    Thread.sleep(80);
    Optional<Job> reread = cache.get(id, key -> {
      loads.incrementAndGet();
      return Optional.of(job(key, JobStatus.SUCCEEDED));
    });
    assertThat(loads).hasValue(1);
    assertThat(reread.orElseThrow().status()).isEqualTo(JobStatus.SUCCEEDED);
  }

  @Test
  void aMissingJobIsNotRemembered() {
    JobReadCache cache = new JobReadCache(Duration.ofMinutes(1));
    UUID id = UUID.randomUUID();
    assertThat(cache.get(id, key -> Optional.empty())).isEmpty();
    assertThat(cache.get(id, key -> Optional.of(job(key, JobStatus.QUEUED)))).isPresent();
  }
}
