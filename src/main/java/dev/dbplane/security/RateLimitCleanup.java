package dev.dbplane.security;

import dev.dbplane.common.PeriodicCleanup;
import java.time.Duration;
import org.springframework.stereotype.Component;

/** The rows of callers whose buckets are full again go: a caller who comes back starts full. */
@Component
class RateLimitCleanup implements PeriodicCleanup {

  private static final int BATCH = 1_000;

  private final ChangeBuckets buckets;

  RateLimitCleanup(ChangeBuckets buckets) {
    this.buckets = buckets;
  }

  @Override
  public String name() {
    return "purge-full-rate-limit-buckets";
  }

  @Override
  public Duration every() {
    return Duration.ofMinutes(10);
  }

  @Override
  public void run() {
    while (buckets.removeFull(BATCH) == BATCH) {
      // Another batch may be left.
    }
  }
}
