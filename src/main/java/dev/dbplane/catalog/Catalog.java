package dev.dbplane.catalog;

import java.time.Instant;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The options the service serves, and where they came from.
 *
 * @param fetchedAt when DigitalOcean gave them; null for the snapshot
 * @param askedWith whose token DigitalOcean answered; null for the snapshot
 */
public record Catalog(Source source, @Nullable Instant fetchedAt, @Nullable Token askedWith, DatabaseOptions options) {

  /** Whether the options are DigitalOcean's answer or the snapshot built into the service. */
  public enum Source {
    DIGITALOCEAN,
    SNAPSHOT;

    /** As the API says it. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Whose token DigitalOcean answered: the server's default, or the one a caller brought. */
  public enum Token {
    SERVER,
    CALLER;

    /** As the API says it. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  static Catalog snapshot() {
    return new Catalog(Source.SNAPSHOT, null, null, DatabaseOptions.snapshot());
  }
}
