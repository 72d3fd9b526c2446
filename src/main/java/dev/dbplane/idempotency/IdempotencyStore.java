package dev.dbplane.idempotency;

import dev.dbplane.crypto.SecretBox;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The first answer to each (caller, Idempotency-Key), kept (encrypted) so that a retry gets the same
 * answer.
 */
@Component
class IdempotencyStore {

  /** A key already used: its request's hash and, once answered, the answer. */
  record Entry(String requestHash, @Nullable Integer status, @Nullable String location, @Nullable String contentType, byte @Nullable [] body) {}

  private final JdbcClient jdbc;
  private final SecretBox box;
  private final Clock clock = Clock.systemUTC();

  IdempotencyStore(JdbcClient jdbc, SecretBox box) {
    this.jdbc = jdbc;
    this.box = box;
  }

  /** Takes the key for this request; empty when taken, otherwise what is stored under it. */
  Optional<Entry> claim(String principal, String key, String requestHash) {
    try {
      jdbc.sql(
              """
              insert into idempotency_keys (principal, idempotency_key, request_hash, created_at)
              values (?, ?, ?, ?)
              """)
          .params(principal, key, requestHash, clock.instant().atOffset(java.time.ZoneOffset.UTC))
          .update();
      return Optional.empty();
    } catch (DuplicateKeyException e) {
      return jdbc.sql(
              "select request_hash, status, location, content_type, body from idempotency_keys where principal = ? and idempotency_key = ?")
          .params(principal, key)
          .query(
              (rs, row) ->
                  new Entry(
                      rs.getString("request_hash"),
                      (Integer) rs.getObject("status"),
                      rs.getString("location"),
                      rs.getString("content_type"),
                      open(rs.getBytes("body"), principal, key)))
          .optional();
    }
  }

  void complete(String principal, String key, int status, @Nullable String location, @Nullable String contentType, byte[] body) {
    jdbc.sql(
            """
            update idempotency_keys set status = ?, location = ?, content_type = ?, body = ?
            where principal = ? and idempotency_key = ?
            """)
        .params(status, location, contentType, box.seal(body, context(principal, key)), principal, key)
        .update();
  }

  // Kept answers may hold secrets (a revealed output, a new API key, a callback's secret): they are
  // stored encrypted like every other secret, bound to their caller and key.
  private byte @Nullable [] open(byte @Nullable [] sealed, String principal, String key) {
    return sealed == null ? null : box.open(sealed, context(principal, key));
  }

  private static String context(String principal, String key) {
    return "idempotent-answer:" + principal + ":" + key;
  }

  /** Drops the keys answered longer ago than {@code retention}. */
  int purgeOlderThan(Duration retention) {
    return jdbc.sql("delete from idempotency_keys where created_at < ?")
        .param(clock.instant().minus(retention).atOffset(java.time.ZoneOffset.UTC))
        .update();
  }

  /** Frees the key after a failure of the service, so that a retry is answered afresh. */
  void release(String principal, String key) {
    jdbc.sql("delete from idempotency_keys where principal = ? and idempotency_key = ?").params(principal, key).update();
  }
}
