package dev.dbplane.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbplane.engine.Operation;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Submitting, reading and cancelling jobs, each in one transaction with what goes with it. */
class JobServiceTest {

  private final JobsOnH2 h2 = new JobsOnH2();
  private final JobService service = new JobService(h2.ledger, h2.kinds, h2.queue, h2.audit(), h2.metrics);

  @Test
  void aSubmittedJobIsQueuedWithItsExecutionInTheCallersTransaction() {
    Job job = submit(JobsOnH2.newJob("service-submit", Operation.UP));

    assertThat(service.get(job.id()).status()).isEqualTo(JobStatus.QUEUED);
    assertThat(service.activeFor(job.clusterId())).map(Job::id).contains(job.id());
    assertThat(h2.executions()).containsExactly(job.id().toString());
    assertThat(h2.announced).extracting(changed -> changed.job().id()).containsExactly(job.id());
  }

  @Test
  void aSubmitRolledBackLeavesNeitherJobNorExecution() {
    NewJob request = JobsOnH2.newJob("service-rolled-back", Operation.UP);

    h2.transactions.executeWithoutResult(tx -> {
      service.submit(request);
      tx.setRollbackOnly();
    });

    assertThat(service.latestFor(request.clusterId())).isEmpty();
    assertThat(h2.executions()).isEmpty();
  }

  @Test
  void aClusterWithAnActiveJobTakesNoOther() {
    NewJob request = JobsOnH2.newJob("service-one-active", Operation.UP);
    Job first = submit(request);

    assertThatThrownBy(() -> submit(request)).isInstanceOfSatisfying(ActiveJobExistsException.class,
        e -> assertThat(e.activeJobId()).isEqualTo(first.id()));
  }

  @Test
  void aResourceInsideABusyClusterWaitsForTheClustersJob() {
    NewJob clusterJob = JobsOnH2.newJob("service-busy-cluster", Operation.UP);
    Job first = submit(clusterJob);
    NewJob inside = JobsOnH2.newJob("service-app-db", Operation.UP);
    NewJob insideTheCluster = new NewJob(inside.clusterId(), inside.clusterName(), inside.operation(), inside.requestedBy(),
        inside.specVersion(), inside.spec(), inside.warnings(), clusterJob.clusterId());

    assertThatThrownBy(() -> submit(insideTheCluster)).isInstanceOfSatisfying(ActiveJobExistsException.class, e -> {
      assertThat(e.activeJobId()).isEqualTo(first.id());
      assertThat(e.clusterId()).isEqualTo(clusterJob.clusterId());
    });
    assertThat(submit(inside).clusterId()).as("the same resource in no cluster of the busy one's").isEqualTo(inside.clusterId());
  }

  @Test
  void aCancelWhileQueuedCancelsAtOnceWithItsEventAndAuditEntry() {
    Job job = submit(JobsOnH2.newJob("service-cancel-queued", Operation.UP));

    Job cancelled = service.cancel(job.id(), "alice");

    assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELLED);
    assertThat(h2.subjects.didNotSucceed).extracting(Job::status).containsExactly(JobStatus.CANCELLED);
    assertThat(h2.eventMessage(job.id(), "cancelled")).isEqualTo("cancelled by alice before it started");
    assertThat(h2.auditDetails()).containsExactly("cancelled queued job " + job.id());
    assertThat(h2.counted("dbplane.jobs.ended", "outcome", "cancelled")).isEqualTo(1);
    assertThat(service.activeFor(job.clusterId())).isEmpty();
  }

  @Test
  void aCancelWhileRunningAsksTheRunToStopOnce() {
    Job job = h2.running("service-cancel-running", Operation.UP, 1);

    assertThat(service.cancel(job.id(), "alice").status()).isEqualTo(JobStatus.CANCELLING);
    assertThat(service.cancel(job.id(), "bob").status()).isEqualTo(JobStatus.CANCELLING);

    assertThat(h2.eventTypes(job.id())).containsExactly("cancel-requested");
    assertThat(h2.eventMessage(job.id(), "cancel-requested")).isEqualTo("cancel requested by alice");
    assertThat(h2.auditDetails()).containsExactly("asked running job " + job.id() + " to stop");
    assertThat(h2.subjects.didNotSucceed).isEmpty();
  }

  @Test
  void anEndedJobCannotBeCancelledAndAnUnknownOneIsNotFound() {
    Job job = h2.running("service-cancel-ended", Operation.UP, 1);
    h2.jobs.finish(job.id(), JobStatus.RUNNING, JobStatus.SUCCEEDED, null, null, Instant.now());

    assertThatThrownBy(() -> service.cancel(job.id(), "alice")).isInstanceOfSatisfying(JobNotCancellableException.class,
        e -> assertThat(e.job().status()).isEqualTo(JobStatus.SUCCEEDED));
    assertThatThrownBy(() -> service.get(UUID.randomUUID())).isInstanceOf(JobNotFoundException.class);
  }

  private Job submit(NewJob request) {
    return h2.transactions.execute(tx -> service.submit(request));
  }
}
