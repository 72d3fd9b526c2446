package dev.dbplane.catalog;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;

/**
 * Refreshes the catalog from DigitalOcean in the background: at once when the service starts, then
 * every {@code dbplane.catalog.refresh-interval}, on one thread of its own that stops with the service.
 */
final class CatalogRefresher implements SmartLifecycle {

  private final DatabaseCatalog catalog;
  private final Duration interval;
  private @Nullable ScheduledExecutorService scheduler;

  CatalogRefresher(DatabaseCatalog catalog, Duration interval) {
    this.catalog = catalog;
    this.interval = interval;
  }

  @Override
  public synchronized void start() {
    if (scheduler != null || !catalog.asksDigitalOcean()) {
      return;
    }
    scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "catalog-refresh");
      thread.setDaemon(true);
      return thread;
    });
    scheduler.scheduleWithFixedDelay(catalog::refresh, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void stop() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      scheduler = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return scheduler != null;
  }
}
