package dev.dbplane.webhook;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import dev.dbplane.job.Job;
import dev.dbplane.job.JobStateChanged;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns each job state change, once committed, into one delivery per callback of its cluster, queued
 * on the durable scheduler. It runs after the job's own transaction and swallows its own failures:
 * a notification never holds up or undoes a job.
 */
final class WebhookNotifier {

  private static final Logger log = LoggerFactory.getLogger(WebhookNotifier.class);

  private final WebhookStore store;
  private final SchedulerClient scheduler;
  private final OneTimeTask<Void> deliveryTask;
  private final TransactionTemplate transactions;
  private final JsonMapper json;
  private final Clock clock = Clock.systemUTC();

  WebhookNotifier(WebhookStore store, SchedulerClient scheduler, OneTimeTask<Void> deliveryTask, TransactionTemplate transactions, JsonMapper json) {
    this.store = store;
    this.scheduler = scheduler;
    this.deliveryTask = deliveryTask;
    this.transactions = transactions;
    this.json = json;
  }

  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
  void on(JobStateChanged change) {
    Job job = change.job();
    try {
      transactions.executeWithoutResult(tx -> {
        // A drift check that found drift is news of the cluster's own, beside its job's end.
        List<String> types = job.foundDrift()
            ? List.of("job." + job.status().name().toLowerCase(Locale.ROOT), "cluster.drift-detected")
            : List.of("job." + job.status().name().toLowerCase(Locale.ROOT));
        for (Webhook webhook : store.forCluster(job.clusterId())) {
          for (String type : types) {
            UUID deliveryId = UUID.randomUUID();
            Instant now = clock.instant();
            store.insertDelivery(deliveryId, webhook, job.id(), type, json.writeValueAsString(payload(deliveryId, type, now, job)), now);
            scheduler.schedule(deliveryTask.instance(deliveryId.toString()), now);
          }
        }
      });
    } catch (RuntimeException e) {
      log.warn("could not queue the notifications of job {}: {}", job.id(), e.getMessage());
    }
  }

  private static Map<String, Object> payload(UUID id, String type, Instant at, Job job) {
    Map<String, Object> jobView = new LinkedHashMap<>();
    jobView.put("id", job.id());
    jobView.put("clusterId", job.clusterId());
    jobView.put("clusterName", job.clusterName());
    jobView.put("operation", job.operation().name());
    jobView.put("status", job.status().name());
    if (job.error() != null) {
      jobView.put("error", Map.of("code", job.error().code().name(), "message", job.error().message()));
    }
    if (job.changes() != null) {
      jobView.put("changes", job.changes());
    }
    if (job.verification() != null) {
      jobView.put("verification", job.verification());
    }
    jobView.put("href", "/api/v1/jobs/" + job.id());
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("id", id);
    event.put("type", type);
    event.put("occurredAt", at.toString());
    event.put("job", jobView);
    return event;
  }
}
