package dev.dbplane.job;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import dev.dbplane.audit.AuditLog;
import dev.dbplane.config.DbplaneProperties;
import dev.dbplane.engine.Operation;
import dev.dbplane.engine.ResourceSpec;
import dev.dbplane.engine.Secret;
import dev.dbplane.engine.SpecType;
import dev.dbplane.engine.StackName;
import dev.dbplane.engine.StackResult;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The job's parts on a fresh in-memory H2 database with the service's schema, built as the service
 * builds them, with a subject that records what it is told and a queue on the scheduler's table.
 */
final class JobsOnH2 {

  static final String TOKEN = "dop_v1_test-token-of-the-cluster";
  static final InstanceName INSTANCE = new InstanceName("test-instance");

  final DataSource dataSource;
  final JdbcClient jdbc;
  final TransactionTemplate transactions;
  final JobStore jobs;
  final JobEventStore events;
  final List<JobStateChanged> announced = new CopyOnWriteArrayList<>();
  final JobLedger ledger;
  final Subjects subjects = new Subjects();
  final KindSubjects kinds = new KindSubjects(List.of(subjects));
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  final JobMetrics metrics;
  final JobQueue queue;

  JobsOnH2() {
    dataSource = new DriverManagerDataSource(
        "jdbc:h2:mem:" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    jdbc = JdbcClient.create(dataSource);
    transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    jobs = new JobStore(jdbc, JsonMapper.builder().build(), kinds);
    events = new JobEventStore(jdbc, transactions, 100);
    ledger = new JobLedger(jobs, events, transactions, Clock.systemUTC(), event -> announced.add((JobStateChanged) event));
    metrics = new JobMetrics(meters, jobs, Clock.systemUTC());
    SchedulerClient scheduler = SchedulerClient.Builder.create(new TransactionAwareDataSourceProxy(dataSource)).build();
    queue = new JobQueue(scheduler, () -> {}, Clock.systemUTC());
  }

  /** The audit log, built by Spring as the service builds it. */
  AuditLog audit() {
    AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
    context.registerBean(JdbcClient.class, () -> jdbc);
    context.registerBean(AuditLog.class);
    context.refresh();
    return context.getBean(AuditLog.class);
  }

  List<String> auditDetails() {
    return jdbc.sql("select detail from audit_events order by at").query(String.class).list();
  }

  JobEnding ending() {
    return new JobEnding(ledger, kinds, metrics);
  }

  /** Job settings with one timeout for every operation. */
  static DbplaneProperties.Jobs settings(Duration timeout, Duration stopGrace) {
    return new DbplaneProperties.Jobs(2, Duration.ofSeconds(1), Duration.ofSeconds(5), 4, 3,
        new DbplaneProperties.Timeouts(timeout, timeout, timeout, timeout), stopGrace, 2000);
  }

  static NewJob newJob(String clusterName, Operation operation) {
    TestSpec spec = new TestSpec(clusterName, new StackName("organization", "dbplane", clusterName));
    return new NewJob(UUID.randomUUID(), clusterName, operation, "operator", 1, spec, List.of("one node: no failover"));
  }

  /** A QUEUED job of a cluster of its own, as written by a submit. */
  Job queued(String clusterName, Operation operation) {
    NewJob request = newJob(clusterName, operation);
    Job job = new Job(UUID.randomUUID(), request.clusterId(), request.clusterName(), request.operation(), JobStatus.QUEUED,
        request.requestedBy(), request.specVersion(), request.spec(), request.warnings(), null, null, 0, ledger.now(), null, null, null);
    jobs.insert(job, job.clusterId());
    return job;
  }

  /** A job as a worker left it: claimed {@code attempts} times and RUNNING. */
  Job running(String clusterName, Operation operation, int attempts) {
    Job job = queued(clusterName, operation);
    jdbc.sql("update jobs set status = 'RUNNING', attempts = ? where id = ?").params(attempts, job.id().toString()).update();
    return find(job.id());
  }

  Job find(UUID jobId) {
    return jobs.find(jobId).orElseThrow();
  }

  List<String> eventTypes(UUID jobId) {
    return events.after(jobId, 0, 1000).stream().map(JobEvent::type).toList();
  }

  /** The message of the job's last event of that type. */
  String eventMessage(UUID jobId, String type) {
    return events.after(jobId, 0, 1000).stream().filter(e -> e.type().equals(type)).reduce((a, b) -> b).orElseThrow().message();
  }

  /** The ids of the executions waiting in the scheduler's table. */
  List<String> executions() {
    return jdbc.sql("select task_instance from scheduled_tasks where task_name = ? order by task_instance").param(JobQueue.TASK)
        .query(String.class).list();
  }

  double counted(String meter, String tag, String value) {
    var counter = meters.find(meter).tag(tag, value).counter();
    return counter == null ? 0 : counter.count();
  }

  /** The spec of a kind of the tests' own: jobs carry any kind's spec and read it back as that kind's. */
  record TestSpec(String resourceName, StackName stack) implements ResourceSpec {

    static final String KIND = "TestResource";

    @Override
    public String kind() {
      return KIND;
    }
  }

  /**
   * A subject with a token for every resource (unless told otherwise), recording the ends it is told;
   * a destroy destroys first the dependents it is given, those not destroyed yet.
   */
  static final class Subjects implements JobSubjects {

    volatile boolean hasToken = true;
    final List<Job> succeeded = new CopyOnWriteArrayList<>();
    final List<Job> didNotSucceed = new CopyOnWriteArrayList<>();
    final List<Dependent> dependents = new CopyOnWriteArrayList<>();
    final List<Dependent> destroyed = new CopyOnWriteArrayList<>();
    /** What happens as each dependent's destroy is recorded: a cancel asked meanwhile, say. */
    volatile Runnable onDestroyed = () -> {};

    @Override
    public List<Dependent> destroyedFirst(Job job) {
      return job.operation() == Operation.DESTROY ? dependents.stream().filter(d -> !destroyed.contains(d)).toList() : List.of();
    }

    @Override
    public void destroyedBefore(Job job, Dependent dependent) {
      destroyed.add(dependent);
      onDestroyed.run();
    }

    @Override
    public List<SpecType<?>> specTypes() {
      return List.of(new SpecType<>(TestSpec.KIND, TestSpec.class));
    }

    @Override
    public Optional<Secret> tokenFor(UUID clusterId) {
      return hasToken ? Optional.of(Secret.of(TOKEN)) : Optional.empty();
    }

    @Override
    public Optional<String> heldResourceId(UUID clusterId) {
      return Optional.empty();
    }

    @Override
    public void succeeded(Job job, StackResult result) {
      succeeded.add(job);
    }

    @Override
    public void didNotSucceed(Job job) {
      didNotSucceed.add(job);
    }
  }
}
