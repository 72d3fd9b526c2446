package dev.dbplane.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.dbplane.engine.EngineFailure;
import dev.dbplane.engine.Operation;
import dev.dbplane.engine.StackName;
import dev.dbplane.engine.Verification;
import dev.dbplane.support.ScriptedStackEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the runner does with each status it finds a scheduled job in. */
class JobRunnerTest {

  private final JobsOnH2 h2 = new JobsOnH2();
  private final ScriptedStackEngine engine = new ScriptedStackEngine();
  private final EngineRuns runs = new EngineRuns(engine, 2, h2.metrics);
  private final JobEnding ending = h2.ending();
  private final RunWatcher watcher =
      new RunWatcher(h2.ledger, runs, ending, h2.queue, JobsOnH2.settings(Duration.ofMinutes(1), Duration.ofSeconds(1)));
  /** What the check after an UP answers: nothing to connect to, unless a test says otherwise. */
  private volatile Optional<Verification> checked = Optional.empty();
  private final List<String> checkedFor = new CopyOnWriteArrayList<>();
  private final JobRunner runner = new JobRunner(h2.ledger, h2.kinds, watcher, ending, 3, JobsOnH2.INSTANCE, (spec, outputs) -> {
    checkedFor.add(spec.resourceName());
    return checked;
  });

  @AfterEach
  void closeRuns() {
    runs.close();
  }

  @Test
  void aQueuedJobIsClaimedRunAndEndedWithNoTokenInItsEvents() {
    Job job = h2.queued("runner-queued", Operation.UP);

    runner.run(job.id());

    Job ended = h2.find(job.id());
    assertThat(ended.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(ended.attempts()).isEqualTo(1);
    assertThat(h2.eventMessage(job.id(), "started")).isEqualTo("started on test-instance");
    assertThat(h2.eventMessage(job.id(), "diagnostic")).contains(Redactor.MASK).doesNotContain(JobsOnH2.TOKEN);
    assertThat(engine.callsFor(job.clusterName())).extracting(ScriptedStackEngine.Call::resumed).containsExactly(false);
    assertThat(h2.announced).extracting(changed -> changed.job().status()).containsExactly(JobStatus.RUNNING, JobStatus.SUCCEEDED);
  }

  @Test
  void aJobHandedBackIsResumedByTheNextClaim() {
    Job job = h2.queued("runner-handed-back", Operation.UP);
    h2.jdbc.sql("update jobs set attempts = 1 where id = ?").param(job.id().toString()).update();

    runner.run(job.id());

    assertThat(h2.eventMessage(job.id(), "resumed")).isEqualTo("resumed on test-instance");
    assertThat(engine.callsFor(job.clusterName())).extracting(ScriptedStackEngine.Call::resumed).containsExactly(true);
    assertThat(h2.find(job.id()).status()).isEqualTo(JobStatus.SUCCEEDED);
  }

  @Test
  void aJobFoundRunningWasInterruptedAndIsResumedWithTheEngineToldSo() {
    Job job = h2.running("runner-interrupted", Operation.UP, 1);

    runner.run(job.id());

    assertThat(h2.eventMessage(job.id(), "resumed")).isEqualTo("resumed on test-instance after its earlier worker stopped; attempt 2 of 3");
    assertThat(engine.callsFor(job.clusterName())).extracting(ScriptedStackEngine.Call::resumed).containsExactly(true);
    Job ended = h2.find(job.id());
    assertThat(ended.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(ended.attempts()).isEqualTo(2);
  }

  @Test
  void aJobInterruptedAsOftenAsItMayBeStartedFails() {
    Job job = h2.running("runner-max-attempts", Operation.UP, 3);

    runner.run(job.id());

    assertThat(h2.find(job.id()).error()).isEqualTo(new JobError(JobErrorCode.INTERRUPTED,
        "the job was interrupted 3 time(s) (its worker stopped) and is not started again"));
    assertThat(engine.calls()).isEmpty();
  }

  @Test
  void aJobFoundCancellingIsCancelledWithoutARun() {
    Job job = h2.running("runner-cancelling", Operation.DESTROY, 1);
    h2.jobs.requestCancel(job.id());

    runner.run(job.id());

    assertThat(h2.find(job.id()).status()).isEqualTo(JobStatus.CANCELLED);
    assertThat(engine.calls()).isEmpty();
  }

  @Test
  void anEndedOrUnknownJobIsLeftAlone() {
    Job job = h2.queued("runner-cancelled-queued", Operation.UP);
    h2.jobs.finish(job.id(), JobStatus.QUEUED, JobStatus.CANCELLED, null, null, Instant.now());

    runner.run(job.id());
    runner.run(UUID.randomUUID());

    assertThat(h2.find(job.id()).status()).isEqualTo(JobStatus.CANCELLED);
    assertThat(engine.calls()).isEmpty();
    assertThat(h2.announced).isEmpty();
  }

  @Test
  void withoutATokenTheJobFailsBeforeTheEngineIsCalled() {
    Job job = h2.queued("runner-no-token", Operation.UP);
    h2.subjects.hasToken = false;

    runner.run(job.id());

    assertThat(h2.find(job.id()).error()).extracting(JobError::code).isEqualTo(JobErrorCode.CREDENTIALS_REJECTED);
    assertThat(engine.calls()).isEmpty();
  }

  @Test
  void aDestroyDestroysItsDependentsFirstInOrderEachRecordedAsItGoes() {
    Job job = h2.queued("runner-cascade", Operation.DESTROY);
    List<Dependent> dependents = dependents("runner-cascade", "pool", "user");

    runner.run(job.id());

    assertThat(engine.calls()).extracting(ScriptedStackEngine.Call::clusterName, ScriptedStackEngine.Call::operation).containsExactly(
        tuple("runner-cascade-pool", Operation.DESTROY), tuple("runner-cascade-user", Operation.DESTROY), tuple("runner-cascade", Operation.DESTROY));
    assertThat(h2.subjects.destroyed).containsExactlyElementsOf(dependents);
    assertThat(h2.find(job.id()).status()).isEqualTo(JobStatus.SUCCEEDED);
    List<String> types = h2.eventTypes(job.id());
    assertThat(types).containsSubsequence("resource-destroy", "dependent-destroyed", "resource-destroy", "dependent-destroyed", "resource-destroy", "succeeded");
    assertThat(h2.eventMessage(job.id(), "dependent-destroyed")).isEqualTo("destroyed the test resource runner-cascade-user, which lived in runner-cascade");
  }

  @Test
  void aDependentThatFailsStopsTheDestroyThereAndWhatWentStaysGone() {
    Job job = h2.queued("runner-cascade-fails", Operation.DESTROY);
    List<Dependent> dependents = dependents("runner-cascade-fails", "first", "second");
    engine.script(dependents.get(1).spec().resourceName(), new ScriptedStackEngine.Fail(EngineFailure.PROVIDER_ERROR, "DigitalOcean refused"));

    runner.run(job.id());

    assertThat(h2.subjects.destroyed).containsExactly(dependents.get(0));
    assertThat(engine.callsFor("runner-cascade-fails")).isEmpty();
    Job ended = h2.find(job.id());
    assertThat(ended.status()).isEqualTo(JobStatus.FAILED);
    assertThat(ended.error()).isEqualTo(new JobError(JobErrorCode.PROVIDER_ERROR, "DigitalOcean refused"));
    assertThat(h2.subjects.didNotSucceed).extracting(Job::id).containsExactly(job.id());
  }

  @Test
  void aResumedDestroyGoesOnFromWhatIsLeftAndOnlyItsFirstRunRecovers() {
    Job job = h2.running("runner-cascade-resumed", Operation.DESTROY, 1);
    h2.subjects.destroyed.add(dependents("runner-cascade-resumed", "gone", "left").get(0));

    runner.run(job.id());

    assertThat(engine.calls()).extracting(ScriptedStackEngine.Call::clusterName, ScriptedStackEngine.Call::resumed)
        .containsExactly(tuple("runner-cascade-resumed-left", true), tuple("runner-cascade-resumed", false));
    assertThat(h2.find(job.id()).status()).isEqualTo(JobStatus.SUCCEEDED);
  }

  @Test
  void aCancelBetweenTwoDependentsEndsTheJobBeforeTheNext() {
    Job job = h2.queued("runner-cascade-cancel", Operation.DESTROY);
    List<Dependent> dependents = dependents("runner-cascade-cancel", "first", "second");
    h2.subjects.onDestroyed = () -> h2.jobs.requestCancel(job.id());

    runner.run(job.id());

    assertThat(h2.subjects.destroyed).containsExactly(dependents.get(0));
    assertThat(engine.calls()).extracting(ScriptedStackEngine.Call::clusterName).containsExactly("runner-cascade-cancel-first");
    assertThat(h2.find(job.id()).status()).isEqualTo(JobStatus.CANCELLED);
  }

  @Test
  void afterAnUpTheResourceIsConnectedToAndTheJobRecordsWhetherItAnsweredWithoutTheToken() {
    Job job = h2.queued("runner-verified", Operation.UP);
    checked = Optional.of(new Verification(false, "SELECT version()", null,
        "the cluster did not answer SELECT version() (refused " + JobsOnH2.TOKEN + ")", Instant.parse("2026-12-02T10:00:00Z")));

    runner.run(job.id());

    Job ended = h2.find(job.id());
    assertThat(ended.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(ended.verification()).isNotNull();
    assertThat(ended.verification().answered()).isFalse();
    assertThat(ended.verification().detail()).doesNotContain(JobsOnH2.TOKEN).contains(Redactor.MASK);
    assertThat(h2.eventTypes(job.id())).containsSubsequence("not-verified", "succeeded");
    assertThat(h2.jobs.latestVerificationFor(job.clusterId())).contains(ended.verification());
  }

  @Test
  void onlyAnUpIsFollowedByTheCheck() {
    Job job = h2.queued("runner-refreshed", Operation.REFRESH);
    checked = Optional.of(new Verification(true, "SELECT version()", "PostgreSQL 16.4", "answered", Instant.now()));

    runner.run(job.id());

    assertThat(checkedFor).isEmpty();
    assertThat(h2.find(job.id()).verification()).isNull();
  }

  /** Dependents of the job's resource, named {@code <resource>-<suffix>}, each destroyed in this order. */
  private List<Dependent> dependents(String resource, String... suffixes) {
    List<Dependent> dependents = java.util.Arrays.stream(suffixes).map(suffix -> resource + "-" + suffix)
        .map(name -> new Dependent(UUID.randomUUID(), "test resource", new JobsOnH2.TestSpec(name, new StackName("organization", "dbplane", name))))
        .toList();
    h2.subjects.dependents.addAll(dependents);
    return dependents;
  }
}
