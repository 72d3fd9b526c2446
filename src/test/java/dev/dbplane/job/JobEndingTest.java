package dev.dbplane.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbplane.engine.Operation;
import dev.dbplane.engine.StackEvent;
import dev.dbplane.engine.StackResult;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A job ends once, from whichever active status it is in, with its subject told and its last event written. */
class JobEndingTest {

  private final JobsOnH2 h2 = new JobsOnH2();
  private final JobEnding ending = h2.ending();

  @Test
  void aSuccessTellsTheSubjectWritesTheLastEventCountsAndAnnouncesIt() {
    Job job = h2.running("ending-success", Operation.UP, 1);

    ending.end(job, JobStatus.SUCCEEDED, StackResult.changesOnly(Map.of("create", 2)), null);

    Job ended = h2.find(job.id());
    assertThat(ended.status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(ended.changes()).isEqualTo(Map.of("create", 2));
    assertThat(h2.subjects.succeeded).extracting(Job::id).containsExactly(job.id());
    assertThat(h2.subjects.didNotSucceed).isEmpty();
    assertThat(h2.eventMessage(job.id(), "succeeded")).isEqualTo("UP succeeded: {create=2}");
    assertThat(h2.announced).extracting(changed -> changed.job().status()).containsExactly(JobStatus.SUCCEEDED);
    assertThat(h2.counted("dbplane.jobs.ended", "outcome", "succeeded")).isEqualTo(1);
  }

  @Test
  void aJobACancelMovedMeanwhileEndsFromCancelling() {
    Job job = h2.running("ending-cancelling", Operation.DESTROY, 1);
    h2.jobs.requestCancel(job.id());

    ending.end(job, JobStatus.CANCELLED, null, null);

    assertThat(h2.find(job.id()).status()).isEqualTo(JobStatus.CANCELLED);
    assertThat(h2.subjects.didNotSucceed).extracting(Job::status).containsExactly(JobStatus.CANCELLED);
    assertThat(h2.eventMessage(job.id(), "cancelled")).isEqualTo("DESTROY cancelled");
  }

  @Test
  void aRunTheEngineStoppedUnaskedFails() {
    Job job = h2.running("ending-unasked", Operation.UP, 1);

    ending.end(job, JobStatus.CANCELLED, null, null);

    Job ended = h2.find(job.id());
    assertThat(ended.status()).isEqualTo(JobStatus.FAILED);
    assertThat(ended.error()).isEqualTo(new JobError(JobErrorCode.INTERNAL, "the engine stopped the run without being asked"));
    assertThat(h2.eventMessage(job.id(), "failed")).isEqualTo("UP failed: INTERNAL, the engine stopped the run without being asked");
    assertThat(h2.counted("dbplane.engine.errors", "class", "INTERNAL")).isEqualTo(1);
  }

  @Test
  void anEndedJobIsNotEndedAgain() {
    Job job = h2.running("ending-twice", Operation.UP, 1);
    JobError error = new JobError(JobErrorCode.PROVIDER_ERROR, "the size is not offered");

    ending.end(job, JobStatus.FAILED, null, error);
    ending.end(job, JobStatus.SUCCEEDED, StackResult.changesOnly(Map.of()), null);

    assertThat(h2.find(job.id()).error()).isEqualTo(error);
    assertThat(h2.eventTypes(job.id())).containsExactly("failed");
    assertThat(h2.announced).hasSize(1);
    assertThat(h2.subjects.succeeded).isEmpty();
    assertThat(h2.counted("dbplane.jobs.ended", "outcome", "failed")).isEqualTo(1);
  }

  @Test
  void theRunsHeldBackProgressIsWrittenBeforeTheLastEvent() {
    Job job = h2.running("ending-progress", Operation.UP, 1);
    RunProgress progress = new RunProgress(h2.events, job.id(), h2.ledger.clock());
    for (int step = 1; step <= 150; step++) {
      progress.accept(StackEvent.of("diagnostic-info", "step " + step));
    }

    ending.end(job, JobStatus.FAILED, null, new JobError(JobErrorCode.PROVIDER_ERROR, "rejected"), progress);

    assertThat(h2.eventTypes(job.id())).containsSubsequence("events-capped", "events-dropped", "diagnostic-info", "failed").endsWith("failed");
    assertThat(h2.events.after(job.id(), 0, 1000)).extracting(JobEvent::message).contains("step 150");
  }
}
