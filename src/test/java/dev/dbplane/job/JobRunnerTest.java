package dev.dbplane.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbplane.engine.Operation;
import dev.dbplane.support.ScriptedStackEngine;
import java.time.Duration;
import java.time.Instant;
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
  private final JobRunner runner = new JobRunner(h2.ledger, h2.kinds, watcher, ending, 3, JobsOnH2.INSTANCE);

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
}
