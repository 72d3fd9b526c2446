package dev.dbplane.webhook;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.dbplane.audit.AuditLog;
import dev.dbplane.common.PeriodicCleanup;
import dev.dbplane.config.DbplaneProperties;
import dev.dbplane.crypto.SecretBox;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class WebhookConfiguration {

  static final String TASK_NAME = "webhook-delivery";

  private static final Logger log = LoggerFactory.getLogger(WebhookConfiguration.class);

  @Bean
  WebhookStore webhookStore(JdbcClient jdbc, SecretBox secretBox) {
    return new WebhookStore(jdbc, secretBox);
  }

  @Bean
  CallbackUrls callbackUrls(DbplaneProperties properties) {
    if (properties.webhooks().allowLoopback()) {
      log.warn("dbplane.webhooks.allow-loopback is on: callbacks may reach services listening on this machine's loopback; "
          + "for tests and local use only");
    }
    return new CallbackUrls(properties.webhooks().allowLoopback());
  }

  /** Callbacks registered before their URLs were sealed get sealed once the keyset is there. */
  @Bean
  ApplicationRunner sealPlainCallbackUrls(WebhookStore store) {
    return args -> {
      int sealed = store.sealPlainUrls();
      if (sealed > 0) {
        log.info("sealed the URLs of {} callback(s) registered before callback URLs were kept encrypted", sealed);
      }
    };
  }

  @Bean
  CallbackClient callbackClient(CallbackUrls urls) {
    return new CallbackClient(urls);
  }

  @Bean
  WebhookDeliverer webhookDeliverer(WebhookStore store, CallbackClient client) {
    return new WebhookDeliverer(store, client);
  }

  @Bean
  OneTimeTask<Void> webhookDeliveryTask(WebhookDeliverer deliverer, DbplaneProperties properties) {
    return Tasks.oneTime(TASK_NAME)
        .onFailure(new FailureHandler.ExponentialBackoffFailureHandler<>(properties.webhooks().retryBase(), 2.0))
        .execute((instance, context) -> deliverer.deliver(UUID.fromString(instance.getId())));
  }

  @Bean
  WebhookNotifier webhookNotifier(WebhookStore store, @Lazy Scheduler scheduler, OneTimeTask<Void> webhookDeliveryTask,
      TransactionTemplate transactions, JsonMapper json) {
    return new WebhookNotifier(store, scheduler, webhookDeliveryTask, transactions, json);
  }

  /** Delivery records are kept for {@code dbplane.retention.webhook-deliveries}. */
  @Bean
  PeriodicCleanup webhookDeliveryCleanup(WebhookStore store, DbplaneProperties properties) {
    return new PeriodicCleanup() {
      @Override
      public String name() {
        return "purge-webhook-deliveries";
      }

      @Override
      public Duration every() {
        return Duration.ofHours(6);
      }

      @Override
      public void run() {
        store.purgeEndedBefore(Instant.now().minus(properties.retention().webhookDeliveries()));
      }
    };
  }

  @Bean
  WebhookService webhookService(WebhookStore store, CallbackUrls urls, AuditLog audit) {
    return new WebhookService(store, urls, audit);
  }
}
