package dev.dbplane.job;

import dev.dbplane.audit.AuditLog;
import dev.dbplane.config.DbplaneProperties;
import dev.dbplane.engine.ConnectionCheck;
import dev.dbplane.engine.StackEngine;
import dev.dbplane.engine.UnavailableStackEngine;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The job's parts, each built from its collaborators and settings, and nothing else; how they meet
 * the scheduler is {@link JobConfiguration}'s.
 */
@Configuration(proxyBeanMethods = false)
class JobParts {

  private static final Logger log = LoggerFactory.getLogger(JobParts.class);
  private static final Clock CLOCK = Clock.systemUTC();

  @Bean
  InstanceName instanceName() {
    return InstanceName.ofThisHost();
  }

  @Bean
  JobStore jobStore(JdbcClient jdbc, JsonMapper json, KindSubjects kinds) {
    return new JobStore(jdbc, json, kinds);
  }

  @Bean
  KindSubjects kindSubjects(List<JobSubjects> subjects) {
    return new KindSubjects(subjects);
  }

  @Bean
  JobEventStore jobEventStore(JdbcClient jdbc, TransactionTemplate transactions, DbplaneProperties properties) {
    return new JobEventStore(jdbc, transactions, properties.jobs().maxEvents());
  }

  @Bean
  JobLedger jobLedger(JobStore jobs, JobEventStore events, TransactionTemplate transactions, ApplicationEventPublisher publisher) {
    return new JobLedger(jobs, events, transactions, CLOCK, publisher);
  }

  @Bean
  JobMetrics jobMetrics(MeterRegistry registry, JobStore jobs) {
    return new JobMetrics(registry, jobs, CLOCK);
  }

  /** The engine configured, or one that fails every job with ENGINE_UNAVAILABLE. */
  @Bean(destroyMethod = "close")
  EngineRuns engineRuns(ObjectProvider<StackEngine> engines, DbplaneProperties properties, JobMetrics metrics) {
    StackEngine engine = engines.getIfAvailable(UnavailableStackEngine::new);
    log.info("jobs run through {}", engine.getClass().getSimpleName());
    return new EngineRuns(engine, properties.jobs().workers(), metrics);
  }

  @Bean
  JobEnding jobEnding(JobLedger ledger, KindSubjects subjects, JobMetrics metrics) {
    return new JobEnding(ledger, subjects, metrics);
  }

  @Bean
  RunWatcher runWatcher(JobLedger ledger, EngineRuns engineRuns, JobEnding ending, JobQueue queue, DbplaneProperties properties) {
    return new RunWatcher(ledger, engineRuns, ending, queue, properties.jobs());
  }

  @Bean
  JobRunner jobRunner(JobLedger ledger, KindSubjects subjects, RunWatcher watcher, JobEnding ending, DbplaneProperties properties,
      InstanceName instanceName, ObjectProvider<ConnectionCheck> checks) {
    // Without a check (an engine that provisions nothing real), nothing is connected to.
    ConnectionCheck check = checks.getIfAvailable(() -> (spec, outputs) -> Optional.empty());
    return new JobRunner(ledger, subjects, watcher, ending, properties.jobs().maxAttempts(), instanceName, check);
  }

  @Bean
  JobService jobService(JobLedger ledger, KindSubjects subjects, JobQueue queue, AuditLog audit, JobMetrics metrics) {
    return new JobService(ledger, subjects, queue, audit, metrics);
  }
}
