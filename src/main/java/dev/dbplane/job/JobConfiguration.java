package dev.dbplane.job;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.dbplane.audit.AuditLog;
import dev.dbplane.common.PeriodicCleanup;
import dev.dbplane.config.DbplaneProperties;
import dev.dbplane.engine.StackEngine;
import dev.dbplane.engine.UnavailableStackEngine;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import io.micrometer.core.instrument.MeterRegistry;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wires db-scheduler's core (the Boot 4 starter is not available): one one-time task per job, whose
 * instance id is the job id; a bounded pool of workers; heartbeats so a dead instance's jobs are
 * found and resumed. Its DataSource is transaction-aware, so a job is scheduled in the transaction
 * that writes it.
 */
@Configuration(proxyBeanMethods = false)
class JobConfiguration {

  private static final Logger log = LoggerFactory.getLogger(JobConfiguration.class);
  static final String TASK_NAME = "stack-job";
  /**
   * The scheduler stops after the web server, which stops at {@code DEFAULT_PHASE - 1024} (the
   * graceful end of requests in flight, which may still submit jobs) and {@code - 2048}; and, like
   * every phase, before any bean is destroyed: the DataSource closes only once the jobs are handed
   * back.
   */
  static final int SCHEDULER_PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;
  /** Beyond the stop grace a run gets, the time a shutting-down instance takes to hand its job back. */
  private static final Duration HAND_BACK_TIME = Duration.ofSeconds(10);

  @Bean
  JobStore jobStore(JdbcClient jdbc, JsonMapper json) {
    return new JobStore(jdbc, json);
  }

  @Bean
  JobEventStore jobEventStore(JdbcClient jdbc, TransactionTemplate transactions, DbplaneProperties properties) {
    return new JobEventStore(jdbc, transactions, properties.jobs().maxEvents());
  }

  @Bean
  Clock jobClock() {
    return Clock.systemUTC();
  }

  @Bean(destroyMethod = "shutdownNow")
  ExecutorService engineRuns(DbplaneProperties properties) {
    AtomicInteger count = new AtomicInteger();
    return Executors.newFixedThreadPool(
        properties.jobs().workers(), r -> new Thread(r, "engine-run-" + count.incrementAndGet()));
  }

  @Bean
  String instanceName() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "host";
    }
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    return (host.length() > 40 ? host.substring(0, 40) : host) + "-" + suffix;
  }

  @Bean
  JobMetrics jobMetrics(MeterRegistry registry, JobStore jobs, Clock jobClock) {
    return new JobMetrics(registry, jobs, jobClock);
  }

  @Bean
  JobRunner jobRunner(@Lazy Scheduler scheduler, 
      JobStore jobs,
      JobEventStore events,
      ObjectProvider<StackEngine> engines,
      JobSubjects subjects,
      TransactionTemplate transactions,
      ExecutorService engineRuns,
      DbplaneProperties properties,
      Clock jobClock,
      String instanceName,
      JobMetrics metrics,
      ApplicationEventPublisher publisher) {
    StackEngine engine = engines.getIfAvailable(UnavailableStackEngine::new);
    log.info("jobs run through {}", engine.getClass().getSimpleName());
    return new JobRunner(jobs, events, engine, subjects, transactions, engineRuns, properties.jobs(), jobClock, instanceName, metrics, publisher,
        (jobId, attempt) -> scheduler.schedule(new TaskInstance<Void>(TASK_NAME, jobId + "#" + attempt), jobClock.instant()));
  }

  @Bean
  OneTimeTask<Void> stackJobTask(JobRunner runner) {
    // The instance id is the job id, with "#<attempt>" when a shutting-down instance handed it back.
    return Tasks.oneTime(TASK_NAME).execute((instance, context) -> runner.run(UUID.fromString(instance.getId().substring(0, 36))));
  }

  @Bean
  Scheduler scheduler(DataSource dataSource, List<Task<?>> tasks, List<PeriodicCleanup> cleanups, DbplaneProperties properties,
      String instanceName) {
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
            .schedulerName(new SchedulerName.Fixed(instanceName));
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

  private static boolean isPostgres(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection()) {
      return connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot reach the database", e);
    }
  }

  /** On shutdown: no job is claimed any more, and each running one is stopped and handed back. */
  @Bean
  SmartLifecycle schedulerLifecycle(Scheduler scheduler, JobRunner runner) {
    return new SmartLifecycle() {
      private volatile boolean running;

      @Override
      public void start() {
        scheduler.start();
        running = true;
      }

      @Override
      public void stop() {
        runner.shutDown();
        // Waits for the running jobs, which hand themselves back within the stop grace.
        scheduler.stop();
        running = false;
      }

      @Override
      public boolean isRunning() {
        return running;
      }

      @Override
      public int getPhase() {
        return SCHEDULER_PHASE;
      }
    };
  }

  @Bean
  JobService jobService(
      JobStore jobs, JobEventStore events, JobSubjects subjects, Scheduler scheduler, OneTimeTask<Void> stackJobTask,
      TransactionTemplate transactions, AuditLog audit, JobMetrics metrics, ApplicationEventPublisher publisher, Clock jobClock) {
    JobQueue queue = new JobQueue(scheduler, stackJobTask, scheduler::triggerCheckForDueExecutions, jobClock);
    return new JobService(jobs, events, subjects, queue, transactions, audit, metrics, publisher, jobClock);
  }
}
