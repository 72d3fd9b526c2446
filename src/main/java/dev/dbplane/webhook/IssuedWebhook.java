package dev.dbplane.webhook;

/** A callback just registered, with its signing secret: shown this once. */
public record IssuedWebhook(Webhook webhook, String secret) {

  @Override
  public String toString() {
    return "IssuedWebhook[" + webhook.id() + "]";
  }
}
