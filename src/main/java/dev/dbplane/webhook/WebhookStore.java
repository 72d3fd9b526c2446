package dev.dbplane.webhook;

import dev.dbplane.crypto.SecretBox;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Callbacks and their deliveries. */
final class WebhookStore {

  private final JdbcClient jdbc;
  private final SecretBox box;

  WebhookStore(JdbcClient jdbc, SecretBox box) {
    this.jdbc = jdbc;
    this.box = box;
  }

  /** @param deliveryUrl the URL as registered, sealed; the webhook holds only its shown form */
  void insert(Webhook webhook, String deliveryUrl, String secret) {
    jdbc.sql(
            """
            insert into webhooks (id, cluster_id, url, url_ciphertext, secret_ciphertext, created_by, created_at)
            values (?, ?, ?, ?, ?, ?, ?)
            """)
        .params(webhook.id().toString(), webhook.clusterId().toString(), webhook.url(), sealUrl(webhook.id(), deliveryUrl),
            box.seal(secret.getBytes(StandardCharsets.UTF_8), context(webhook.id())), webhook.createdBy(), time(webhook.createdAt()))
        .update();
  }

  List<Webhook> forCluster(UUID clusterId) {
    return jdbc.sql("select * from webhooks where cluster_id = ? order by created_at").param(clusterId.toString()).query(WebhookStore::map).list();
  }

  Optional<Webhook> find(UUID id) {
    return jdbc.sql("select * from webhooks where id = ?").param(id.toString()).query(WebhookStore::map).optional();
  }

  Optional<String> secret(UUID id) {
    return jdbc.sql("select secret_ciphertext from webhooks where id = ?").param(id.toString()).query((rs, row) -> rs.getBytes(1)).optional()
        .map(ciphertext -> new String(box.open(ciphertext, context(id)), StandardCharsets.UTF_8));
  }

  /** The URL to deliver to, as registered. */
  Optional<String> deliveryUrl(UUID id) {
    return jdbc.sql("select url, url_ciphertext from webhooks where id = ?").param(id.toString())
        .query((rs, row) -> {
          byte[] sealed = rs.getBytes("url_ciphertext");
          // A row from before URLs were sealed, until the start-up sealing reaches it.
          return sealed == null ? rs.getString("url") : new String(box.open(sealed, urlContext(id)), StandardCharsets.UTF_8);
        })
        .optional();
  }

  /**
   * Seals the URLs of callbacks registered before URLs were sealed, and leaves them only their shown
   * form in the clear.
   */
  int sealPlainUrls() {
    record Plain(UUID id, String url) {}
    List<Plain> plain = jdbc.sql("select id, url from webhooks where url_ciphertext is null")
        .query((rs, row) -> new Plain(UUID.fromString(rs.getString("id")), rs.getString("url"))).list();
    for (Plain webhook : plain) {
      jdbc.sql("update webhooks set url = ?, url_ciphertext = ? where id = ? and url_ciphertext is null")
          .params(CallbackUrls.shown(webhook.url()), sealUrl(webhook.id(), webhook.url()), webhook.id().toString())
          .update();
    }
    return plain.size();
  }

  boolean delete(UUID clusterId, UUID id) {
    return jdbc.sql("delete from webhooks where id = ? and cluster_id = ?").params(id.toString(), clusterId.toString()).update() == 1;
  }

  void insertDelivery(UUID id, Webhook webhook, UUID jobId, String eventType, String payload, Instant now) {
    jdbc.sql(
            """
            insert into webhook_deliveries (id, webhook_id, cluster_id, job_id, event_type, payload, status, attempts, created_at)
            values (?, ?, ?, ?, ?, ?, 'PENDING', 0, ?)
            """)
        .params(id.toString(), webhook.id().toString(), webhook.clusterId().toString(), jobId.toString(), eventType, payload, time(now))
        .update();
  }

  record PendingDelivery(UUID id, UUID webhookId, String eventType, String payload, int attempts) {}

  Optional<PendingDelivery> pending(UUID id) {
    return jdbc.sql("select * from webhook_deliveries where id = ? and status = 'PENDING'").param(id.toString())
        .query((rs, row) -> new PendingDelivery(UUID.fromString(rs.getString("id")), UUID.fromString(rs.getString("webhook_id")),
            rs.getString("event_type"), rs.getString("payload"), rs.getInt("attempts")))
        .optional();
  }

  void recordAttempt(UUID id, String status, @Nullable Integer statusCode, @Nullable String error, @Nullable Instant deliveredAt) {
    jdbc.sql(
            """
            update webhook_deliveries set status = ?, attempts = attempts + 1, last_status_code = ?, last_error = ?, delivered_at = ?
            where id = ?
            """)
        .params(status, statusCode, error == null ? null : error.substring(0, Math.min(error.length(), 500)),
            deliveredAt == null ? null : time(deliveredAt), id.toString())
        .update();
  }

  List<Delivery> deliveries(UUID webhookId, int limit) {
    return jdbc.sql("select * from webhook_deliveries where webhook_id = ? order by created_at desc limit ?")
        .params(webhookId.toString(), limit)
        .query((rs, row) -> new Delivery(UUID.fromString(rs.getString("id")), UUID.fromString(rs.getString("webhook_id")),
            UUID.fromString(rs.getString("job_id")), rs.getString("event_type"), rs.getString("status"), rs.getInt("attempts"),
            (Integer) rs.getObject("last_status_code"), rs.getString("last_error"), instant(rs, "created_at"), nullableInstant(rs, "delivered_at")))
        .list();
  }

  /** Drops the records of deliveries that ended (delivered or given up) before {@code before}. */
  int purgeEndedBefore(Instant before) {
    return jdbc.sql("delete from webhook_deliveries where status <> 'PENDING' and created_at < ?").param(time(before)).update();
  }

  private static Webhook map(ResultSet rs, int row) throws SQLException {
    return new Webhook(UUID.fromString(rs.getString("id")), UUID.fromString(rs.getString("cluster_id")), rs.getString("url"),
        rs.getString("created_by"), instant(rs, "created_at"));
  }

  private static String context(UUID webhookId) {
    return "webhook-secret:" + webhookId;
  }

  private byte[] sealUrl(UUID webhookId, String url) {
    return box.seal(url.getBytes(StandardCharsets.UTF_8), urlContext(webhookId));
  }

  private static String urlContext(UUID webhookId) {
    return "webhook-url:" + webhookId;
  }

  private static OffsetDateTime time(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    return rs.getObject(column, OffsetDateTime.class).toInstant();
  }

  private static @Nullable Instant nullableInstant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
