package dev.dbplane.catalog;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.google.gson.JsonObject;
import dev.dbplane.digitalocean.DigitalOceanApiException;
import dev.dbplane.engine.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalog the service judges clusters by: the snapshot built into the service until DigitalOcean
 * answers the server's token, then DigitalOcean's last good answer. A refresh that fails keeps what
 * is served. A caller that brings a token of its own is judged by what DigitalOcean answers that
 * token (an account may be offered other sizes or regions), asked once and kept a while.
 */
public final class DatabaseCatalog {

  private static final Logger log = LoggerFactory.getLogger(DatabaseCatalog.class);

  /** How long a refusal, or DigitalOcean not answering, is kept before that token is asked again. */
  private static final Duration ASK_AGAIN_AFTER = Duration.ofSeconds(30);
  /** Callers' catalogs kept at most: each is a few kilobytes. */
  private static final int CALLERS_KEPT = 1_000;
  private static final int UNAUTHORIZED = 401;
  private static final int FORBIDDEN = 403;

  private final AtomicReference<Catalog> current = new AtomicReference<>(Catalog.snapshot());
  private final Optional<Function<Secret, JsonObject>> digitalocean;
  private final Optional<Secret> serverToken;
  private final Clock clock;
  /** By the SHA-256 of the token, so that no token is held as a key. */
  private final Cache<String, Answer> callers;

  /** What DigitalOcean answered a caller's token, as kept. */
  private sealed interface Answer {
    record Answered(Catalog catalog) implements Answer {}

    record Refused(String reason) implements Answer {}

    record NotReached() implements Answer {}
  }

  /**
   * @param digitalocean asks DigitalOcean for its options with a token; empty when the service never
   *     asks, and the snapshot is all it serves
   * @param serverToken the server's default token, which the background refresh asks with
   * @param callerKept how long the catalog DigitalOcean answered a caller's token is kept
   */
  DatabaseCatalog(Optional<Function<Secret, JsonObject>> digitalocean, Optional<Secret> serverToken, Duration callerKept, Clock clock) {
    this.digitalocean = digitalocean;
    this.serverToken = serverToken;
    this.clock = clock;
    this.callers = Caffeine.newBuilder()
        .maximumSize(CALLERS_KEPT)
        .expireAfter(Expiry.creating((String key, Answer answer) -> answer instanceof Answer.Answered ? callerKept : ASK_AGAIN_AFTER))
        .build();
  }

  /** A catalog that serves the snapshot built into the service, and never asks DigitalOcean. */
  public static DatabaseCatalog snapshot() {
    return new DatabaseCatalog(Optional.empty(), Optional.empty(), Duration.ZERO, Clock.systemUTC());
  }

  /** What the service judges by when a request brings no token: DigitalOcean's answer to the server's, or the snapshot. */
  public Catalog current() {
    return current.get();
  }

  /**
   * What DigitalOcean answers this token, asked when it is not kept; the server's token is answered
   * from {@link #current()}. When DigitalOcean cannot be reached, {@link #current()}, which says what it is.
   *
   * @throws TokenRefusedException when DigitalOcean refuses the token (401 or 403)
   */
  public Catalog with(Secret token) {
    if (digitalocean.isEmpty() || serverToken.map(Secret::reveal).filter(token.reveal()::equals).isPresent()) {
      return current();
    }
    Answer answer = callers.get(fingerprint(token), key -> ask(digitalocean.get(), token));
    if (answer instanceof Answer.Answered answered) {
      return answered.catalog();
    }
    if (answer instanceof Answer.Refused refused) {
      throw new TokenRefusedException(refused.reason());
    }
    return current();
  }

  /** Whether a refresh can ask DigitalOcean at all: the server has a token. */
  boolean asksDigitalOcean() {
    return digitalocean.isPresent() && serverToken.isPresent();
  }

  /**
   * Asks DigitalOcean for its options with the server's token and serves them; when it refuses,
   * cannot be reached or answers something else, keeps serving what it served and logs why
   * (DigitalOcean's words, never the token).
   */
  void refresh() {
    if (!asksDigitalOcean()) {
      return;
    }
    try {
      DatabaseOptions options = DatabaseOptions.parse(digitalocean.get().apply(serverToken.get()));
      current.set(new Catalog(Catalog.Source.DIGITALOCEAN, clock.instant(), Catalog.Token.SERVER, options));
    } catch (RuntimeException e) {
      log.warn("the catalog was not refreshed from DigitalOcean, it serves its {} still: {}", current.get().source().label(), e.getMessage());
    }
  }

  private Answer ask(Function<Secret, JsonObject> options, Secret token) {
    try {
      return new Answer.Answered(new Catalog(Catalog.Source.DIGITALOCEAN, clock.instant(), Catalog.Token.CALLER,
          DatabaseOptions.parse(options.apply(token))));
    } catch (RuntimeException e) {
      if (e instanceof DigitalOceanApiException refusal && (refusal.status() == UNAUTHORIZED || refusal.status() == FORBIDDEN)) {
        return new Answer.Refused(e.getMessage());
      }
      log.warn("DigitalOcean did not answer a caller's token with its options, it is judged by the {} catalog: {}",
          current.get().source().label(), e.getMessage());
      return new Answer.NotReached();
    }
  }

  private static String fingerprint(Secret token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.reveal().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }
}
