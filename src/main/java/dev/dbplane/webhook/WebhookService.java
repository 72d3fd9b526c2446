package dev.dbplane.webhook;

import dev.dbplane.audit.AuditLog;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.springframework.transaction.annotation.Transactional;

/** Registers, lists and removes the callbacks of clusters. */
public class WebhookService {

  private final WebhookStore store;
  private final CallbackUrls urls;
  private final AuditLog audit;
  private final Clock clock = Clock.systemUTC();
  private final SecureRandom random = new SecureRandom();

  WebhookService(WebhookStore store, CallbackUrls urls, AuditLog audit) {
    this.store = store;
    this.urls = urls;
    this.audit = audit;
  }

  /**
   * @throws InvalidCallbackUrlException when the URL may not be called
   */
  @Transactional
  public IssuedWebhook register(UUID clusterId, String url, String createdBy) {
    CallbackUrl callback = urls.check(url);
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String secret = "whsec_" + HexFormat.of().formatHex(bytes);
    Webhook webhook = new Webhook(UUID.randomUUID(), clusterId, callback.shown(), createdBy, clock.instant());
    store.insert(webhook, url, secret);
    audit.record(createdBy, "webhook.register", clusterId, "registered callback " + webhook.id() + " to " + webhook.url());
    return new IssuedWebhook(webhook, secret);
  }

  public List<Webhook> forCluster(UUID clusterId) {
    return store.forCluster(clusterId);
  }

  @Transactional
  public boolean remove(UUID clusterId, UUID webhookId, String removedBy) {
    boolean removed = store.delete(clusterId, webhookId);
    if (removed) {
      audit.record(removedBy, "webhook.remove", clusterId, "removed callback " + webhookId);
    }
    return removed;
  }

  public List<Delivery> deliveries(UUID clusterId, UUID webhookId) {
    return store.find(webhookId).filter(w -> w.clusterId().equals(clusterId)).map(w -> store.deliveries(webhookId, 100)).orElse(List.of());
  }
}
