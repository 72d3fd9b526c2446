package dev.dbplane.job;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.dbplane.common.PeriodicCleanup;
import dev.dbplane.config.DbplaneProperties;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/**
 * Wires db-scheduler's core (the Boot 4 starter is not available): one one-time task per job, whose
 * instance id is the job id; a bounded pool of workers; heartbeats so a dead instance's jobs are
 * found and resumed; the periodic cleanups; and its start and stop with the service. Its DataSource
 * is transaction-aware, so a job is scheduled in the transaction that writes it. The job's own
 * parts are built in {@link JobParts}.
 */
@Configuration(proxyBeanMethods = false)
class JobConfiguration {

  private static final Logger log = LoggerFactory.getLogger(JobConfiguration.class);
  /** Beyond the stop grace a run gets, the time a shutting-down instance takes to hand its job back. */
  private static final Duration HAND_BACK_TIME = Duration.ofSeconds(10);

  /** Lazy: the scheduler is built from the tasks, and the job task's runner queues jobs again. */
  @Bean
  JobQueue jobQueue(@Lazy Scheduler scheduler) {
    return new JobQueue(scheduler, scheduler::triggerCheckForDueExecutions, Clock.systemUTC());
  }

  @Bean
  OneTimeTask<Void> stackJobTask(JobRunner runner) {
    return Tasks.oneTime(JobQueue.TASK).execute((instance, context) -> runner.run(JobQueue.jobOf(instance.getId())));
  }

  @Bean
  Scheduler scheduler(DataSource dataSource, List<Task<?>> tasks, List<PeriodicCleanup> cleanups, DbplaneProperties properties,
      InstanceName instanceName) {
    DbplaneProperties.Jobs jobs = properties.jobs();
    log.info(
        "job scheduler {}: {} worker(s), polling every {}, heartbeat every {}, dead after {} missed, {} attempt(s) per job, "
            + "stop grace {}, at most {} events per job",
        instanceName, jobs.workers(), jobs.pollingInterval(), jobs.heartbeatInterval(), jobs.missedHeartbeats(), jobs.maxAttempts(),
        jobs.stopGrace(), jobs.maxEvents());
    List<RecurringTask<Void>> recurring =
        cleanups.stream()
            .map(cleanup -> Tasks.recurring(cleanup.name(), FixedDelay.of(cleanup.every())).execute((instance, context) -> cleanup.run()))
            .toList();
    SchedulerBuilder builder =
        Scheduler.create(new TransactionAwareDataSourceProxy(dataSource), tasks)
            .startTasks(recurring)
            .schedulerName(new SchedulerName.Fixed(instanceName.value()));
    if (isPostgres(dataSource)) {
      // SELECT ... FOR UPDATE SKIP LOCKED: replicas claim disjoint batches without racing for rows.
      builder.pollUsingLockAndFetch(0.5, 1.0);
    }
    return builder
        .threads(jobs.workers())
        .pollingInterval(jobs.pollingInterval())
        .heartbeatInterval(jobs.heartbeatInterval())
        .missedHeartbeatsLimit(jobs.missedHeartbeats())
        // Running jobs stop and hand themselves back on their own; the scheduler interrupts only
        // one that overruns that.
        .shutdownMaxWait(jobs.stopGrace().plus(HAND_BACK_TIME))
        .build();
  }

  @Bean
  SchedulerLifecycle schedulerLifecycle(Scheduler scheduler, RunWatcher runs) {
    return new SchedulerLifecycle(scheduler, runs);
  }

  private static boolean isPostgres(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection()) {
      return connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot reach the database", e);
    }
  }
}
