package dev.dbplane.webhook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Delivers one event to its callback: a POST of the JSON event with {@code Dbplane-Signature: t=<unix
 * seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" under the callback's secret>}. A 2xx answer delivers
 * it; anything else is retried with back-off by the scheduler until the last attempt, which marks it
 * FAILED. A target the callback check refuses is recorded only as {@link #REFUSED}, the same
 * whatever the reason: no connection is made, so there is no status or timing of an internal host
 * to read.
 */
final class WebhookDeliverer {

  static final String SIGNATURE_HEADER = "Dbplane-Signature";
  static final int MAX_ATTEMPTS = 8;
  static final String REFUSED = "refused: the callback's host has no public internet address to call";

  private final WebhookStore store;
  private final CallbackClient client;
  private final Clock clock = Clock.systemUTC();

  WebhookDeliverer(WebhookStore store, CallbackClient client) {
    this.store = store;
    this.client = client;
  }

  /** @throws DeliveryFailedException to have the scheduler retry later */
  void deliver(UUID deliveryId) {
    Optional<WebhookStore.PendingDelivery> pending = store.pending(deliveryId);
    if (pending.isEmpty()) {
      return;
    }
    WebhookStore.PendingDelivery delivery = pending.get();
    Optional<Webhook> webhook = store.find(delivery.webhookId());
    if (webhook.isEmpty()) {
      store.recordAttempt(deliveryId, "FAILED", null, "the callback was removed", null);
      return;
    }
    String error;
    Integer status = null;
    try {
      CallbackUrl url = CallbackUrls.parse(store.deliveryUrl(webhook.get().id()).orElseThrow());
      String timestamp = Long.toString(clock.instant().getEpochSecond());
      String signature = "t=" + timestamp + ",v1=" + sign(store.secret(webhook.get().id()).orElseThrow(), timestamp + "." + delivery.payload());
      status = client.post(url, Map.of("Dbplane-Event-Id", deliveryId.toString(), "Dbplane-Event-Type", delivery.eventType(),
          SIGNATURE_HEADER, signature), delivery.payload());
      if (status / 100 == 2) {
        store.recordAttempt(deliveryId, "DELIVERED", status, null, clock.instant());
        return;
      }
      error = "the callback answered " + status;
    } catch (InvalidCallbackUrlException | CallbackClient.RefusedException e) {
      error = REFUSED;
    } catch (IOException e) {
      error = "the callback could not be reached: " + e.getClass().getSimpleName();
    }
    boolean last = delivery.attempts() + 1 >= MAX_ATTEMPTS;
    store.recordAttempt(deliveryId, last ? "FAILED" : "PENDING", status, error, null);
    if (!last) {
      throw new DeliveryFailedException(error);
    }
  }

  static String sign(String secret, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Makes the scheduler retry the delivery later. */
  static final class DeliveryFailedException extends RuntimeException {
    DeliveryFailedException(String reason) {
      super(reason, null, false, false);
    }
  }
}
