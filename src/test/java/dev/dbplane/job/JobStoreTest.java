package dev.dbplane.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.dbplane.common.Page;
import dev.dbplane.engine.Operation;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;

/** The jobs table on H2: every move is conditional on the status the caller expects. */
class JobStoreTest {

  private final JobsOnH2 h2 = new JobsOnH2();
  private final JobStore store = h2.jobs;

  @Test
  void aJobIsReadBackAsItWasWritten() {
    Job job = h2.queued("store-read", Operation.UP);

    Job read = h2.find(job.id());
    assertThat(read).usingRecursiveComparison().ignoringFields("queuedAt").isEqualTo(job);
    assertThat(read.queuedAt()).isCloseTo(job.queuedAt(), within(1, ChronoUnit.MILLIS));
    assertThat(store.status(job.id())).contains(JobStatus.QUEUED);
    assertThat(store.activeFor(job.clusterId())).map(Job::id).contains(job.id());
  }

  @Test
  void aClusterHasOneActiveJobAtMostAndIsFreedWhenItEnds() {
    Job first = h2.queued("store-one-active", Operation.UP);
    Job second = new Job(UUID.randomUUID(), first.clusterId(), first.clusterName(), Operation.REFRESH, JobStatus.QUEUED,
        "operator", 1, first.spec(), first.warnings(), null, null, 0, Instant.now(), null, null, null);

    assertThatThrownBy(() -> store.insert(second, first.clusterId())).isInstanceOf(DuplicateKeyException.class);

    assertThat(store.finish(first.id(), JobStatus.QUEUED, JobStatus.CANCELLED, null, null, Instant.now())).isTrue();
    store.insert(second, first.clusterId());
    assertThat(store.activeFor(first.clusterId())).map(Job::id).contains(second.id());
    assertThat(store.latestFor(first.clusterId())).map(Job::id).contains(second.id());
  }

  @Test
  void aJobOfAResourceInAClusterTakesTheClustersLock() {
    Job clusterJob = h2.queued("store-lock", Operation.UP);
    UUID cluster = clusterJob.clusterId();
    Job inside = new Job(UUID.randomUUID(), UUID.randomUUID(), "app-db", Operation.UP, JobStatus.QUEUED,
        "operator", 1, clusterJob.spec(), List.of(), null, null, 0, Instant.now(), null, null, null);

    assertThatThrownBy(() -> store.insert(inside, cluster)).isInstanceOf(DuplicateKeyException.class);

    assertThat(store.finish(clusterJob.id(), JobStatus.QUEUED, JobStatus.CANCELLED, null, null, Instant.now())).isTrue();
    store.insert(inside, cluster);
    assertThat(store.activeUnder(cluster)).map(Job::id).contains(inside.id());
    assertThat(store.activeFor(inside.clusterId())).map(Job::id).contains(inside.id());
    assertThat(store.activeFor(cluster)).as("the cluster's own active job").isEmpty();
  }

  @Test
  void aClaimCountsTheAttemptAndOnlyOneClaimOfAStatusWins() {
    Job job = h2.queued("store-claim", Operation.UP);

    assertThat(store.start(job.id(), JobStatus.QUEUED, Instant.now())).isTrue();
    assertThat(store.start(job.id(), JobStatus.QUEUED, Instant.now())).as("a second claim of the queued job").isFalse();
    assertThat(store.start(job.id(), JobStatus.RUNNING, Instant.now())).as("a resume after an interruption").isTrue();

    Job resumed = h2.find(job.id());
    assertThat(resumed.status()).isEqualTo(JobStatus.RUNNING);
    assertThat(resumed.attempts()).isEqualTo(2);
    assertThat(resumed.startedAt()).isNotNull();
  }

  @Test
  void onlyARunningJobIsHandedBackOrAskedToStop() {
    Job queued = h2.queued("store-queued", Operation.UP);
    assertThat(store.requestCancel(queued.id())).isFalse();

    Job running = h2.running("store-running", Operation.UP, 1);
    assertThat(store.handBack(running.id())).isTrue();
    assertThat(store.status(running.id())).contains(JobStatus.QUEUED);
    assertThat(store.handBack(running.id())).as("a queued job is not handed back").isFalse();

    store.start(running.id(), JobStatus.QUEUED, Instant.now());
    assertThat(store.requestCancel(running.id())).isTrue();
    assertThat(store.status(running.id())).contains(JobStatus.CANCELLING);
    assertThat(store.activeFor(running.clusterId())).as("a job being cancelled is still active").isPresent();
  }

  @Test
  void anEndIsWrittenOnceWithItsChangesOrItsError() {
    Job job = h2.running("store-end", Operation.UP, 1);
    JobError error = new JobError(JobErrorCode.PROVIDER_ERROR, "the size is not offered");

    assertThat(store.finish(job.id(), JobStatus.QUEUED, JobStatus.FAILED, null, error, Instant.now())).as("from a status it is not in").isFalse();
    assertThat(store.finish(job.id(), JobStatus.RUNNING, JobStatus.FAILED, Map.of("create", 1), error, Instant.now())).isTrue();
    assertThat(store.finish(job.id(), JobStatus.RUNNING, JobStatus.SUCCEEDED, null, null, Instant.now())).isFalse();

    Job ended = h2.find(job.id());
    assertThat(ended.status()).isEqualTo(JobStatus.FAILED);
    assertThat(ended.error()).isEqualTo(error);
    assertThat(ended.changes()).isEqualTo(Map.of("create", 1));
    assertThat(ended.finishedAt()).isNotNull();
    assertThat(store.activeFor(job.clusterId())).isEmpty();
  }

  @Test
  void aMoveTheLifeCycleForbidsIsADefectOfTheCaller() {
    Job job = h2.queued("store-forbidden", Operation.UP);

    assertThatThrownBy(() -> store.finish(job.id(), JobStatus.QUEUED, JobStatus.SUCCEEDED, null, null, Instant.now()))
        .isInstanceOf(IllegalJobTransitionException.class);
    assertThatThrownBy(() -> store.finish(job.id(), JobStatus.RUNNING, JobStatus.CANCELLING, null, null, Instant.now()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void jobsArePagedNewestFirstAndFilteredAndTheQueueIsCounted() {
    Job up = h2.queued("store-page-a", Operation.UP);
    Job destroy = h2.queued("store-page-b", Operation.DESTROY);
    Job refresh = h2.queued("store-page-c", Operation.REFRESH);
    store.start(refresh.id(), JobStatus.QUEUED, Instant.now());

    Page<Job> all = store.page(new JobFilter(null, null, null), 0, 2);
    assertThat(all.total()).isEqualTo(3);
    assertThat(all.items()).hasSize(2);
    assertThat(store.page(new JobFilter(null, JobStatus.QUEUED, null), 0, 10).items()).extracting(Job::id)
        .containsExactlyInAnyOrder(up.id(), destroy.id());
    assertThat(store.page(new JobFilter(destroy.clusterId(), null, Operation.DESTROY), 0, 10).items()).extracting(Job::id)
        .containsExactly(destroy.id());

    JobStore.QueueStats queue = store.queueStats();
    assertThat(queue.depth()).isEqualTo(2);
    assertThat(queue.oldestQueuedAt()).isNotNull();
  }
}
