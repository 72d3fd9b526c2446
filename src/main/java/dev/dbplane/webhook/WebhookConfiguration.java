package dev.dbplane.webhook;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.dbplane.audit.AuditLog;
import dev.dbplane.config.DbplaneProperties;
import dev.dbplane.crypto.SecretBox;
import dev.dbplane.job.PeriodicCleanup;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class WebhookConfiguration {

  static final String TASK_NAME = "webhook-delivery";

  @Bean
  WebhookStore webhookStore(JdbcClient jdbc, SecretBox secretBox) {
    return new WebhookStore(jdbc, secretBox);
  }

  @Bean
  CallbackUrls callbackUrls(DbplaneProperties properties) {
    return new CallbackUrls(properties.webhooks().allowLoopback());
  }

  @Bean
  WebhookDeliverer webhookDeliverer(WebhookStore store, CallbackUrls urls) {
    return new WebhookDeliverer(store, urls);
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
