package dev.dbplane.webhook;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Delivers one event to its callback: a POST of the JSON event with {@code Dbplane-Signature: t=<unix
 * seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" under the callback's secret>}. A 2xx answer delivers
 * it; anything else is retried with back-off by the scheduler until the last attempt, which marks it
 * FAILED. Redirects are not followed, and the URL is checked again before each attempt.
 */
final class WebhookDeliverer {

  static final String SIGNATURE_HEADER = "Dbplane-Signature";
  static final int MAX_ATTEMPTS = 8;

  private final WebhookStore store;
  private final CallbackUrls urls;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
  private final Clock clock = Clock.systemUTC();

  WebhookDeliverer(WebhookStore store, CallbackUrls urls) {
    this.store = store;
    this.urls = urls;
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
      URI uri = urls.check(webhook.get().url());
      String timestamp = Long.toString(clock.instant().getEpochSecond());
      String signature = "t=" + timestamp + ",v1=" + sign(store.secret(webhook.get().id()).orElseThrow(), timestamp + "." + delivery.payload());
      HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
          .header("Content-Type", "application/json")
          .header("Dbplane-Event-Id", deliveryId.toString())
          .header("Dbplane-Event-Type", delivery.eventType())
          .header(SIGNATURE_HEADER, signature)
          .POST(HttpRequest.BodyPublishers.ofString(delivery.payload(), StandardCharsets.UTF_8))
          .build();
      status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      if (status / 100 == 2) {
        store.recordAttempt(deliveryId, "DELIVERED", status, null, clock.instant());
        return;
      }
      error = "the callback answered " + status;
    } catch (InvalidCallbackUrlException e) {
      error = "the callback URL may not be called: " + e.getMessage();
    } catch (IOException e) {
      error = "the callback could not be reached: " + e.getClass().getSimpleName();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      error = "interrupted";
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
