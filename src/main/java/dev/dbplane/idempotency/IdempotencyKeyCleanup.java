package dev.dbplane.idempotency;

import dev.dbplane.common.PeriodicCleanup;
import dev.dbplane.config.DbplaneProperties;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Idempotency keys are replayed for {@code dbplane.retention.idempotency-keys}, then dropped. */
@Component
class IdempotencyKeyCleanup implements PeriodicCleanup {

  private static final Logger log = LoggerFactory.getLogger(IdempotencyKeyCleanup.class);

  private final IdempotencyStore store;
  private final DbplaneProperties properties;

  IdempotencyKeyCleanup(IdempotencyStore store, DbplaneProperties properties) {
    this.store = store;
    this.properties = properties;
  }

  @Override
  public String name() {
    return "purge-idempotency-keys";
  }

  @Override
  public Duration every() {
    return Duration.ofHours(1);
  }

  @Override
  public void run() {
    int purged = store.purgeOlderThan(properties.retention().idempotencyKeys());
    if (purged > 0) {
      log.info("dropped {} idempotency key(s) older than {}", purged, properties.retention().idempotencyKeys());
    }
  }
}
