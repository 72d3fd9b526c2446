package dev.dbplane.catalog;

import com.google.gson.JsonObject;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalog the service judges clusters by: the snapshot built into the service until DigitalOcean
 * answers, then DigitalOcean's last good answer. A refresh that fails keeps what is served.
 */
public final class DatabaseCatalog {

  private static final Logger log = LoggerFactory.getLogger(DatabaseCatalog.class);

  private final AtomicReference<Catalog> current = new AtomicReference<>(Catalog.snapshot());
  private final Optional<Supplier<JsonObject>> digitalocean;
  private final Clock clock;

  /**
   * @param digitalocean asks DigitalOcean for its options; empty when the service has no token, and
   *     the snapshot is all it serves
   */
  DatabaseCatalog(Optional<Supplier<JsonObject>> digitalocean, Clock clock) {
    this.digitalocean = digitalocean;
    this.clock = clock;
  }

  /** A catalog that serves the snapshot built into the service, and never asks DigitalOcean. */
  public static DatabaseCatalog snapshot() {
    return new DatabaseCatalog(Optional.empty(), Clock.systemUTC());
  }

  public Catalog current() {
    return current.get();
  }

  /** Whether a refresh can ask DigitalOcean at all. */
  boolean asksDigitalOcean() {
    return digitalocean.isPresent();
  }

  /**
   * Asks DigitalOcean for its options and serves them; when it refuses, cannot be reached or answers
   * something else, keeps serving what it served and logs why (DigitalOcean's words, never the token).
   */
  void refresh() {
    digitalocean.ifPresent(ask -> {
      try {
        DatabaseOptions options = DatabaseOptions.parse(ask.get());
        current.set(new Catalog(Catalog.Source.DIGITALOCEAN, clock.instant(), options));
      } catch (RuntimeException e) {
        log.warn("the catalog was not refreshed from DigitalOcean, it serves its {} still: {}", current.get().source().label(), e.getMessage());
      }
    });
  }
}
