package dev.dbplane.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbplane.engine.EngineFailure;
import dev.dbplane.engine.Operation;
import dev.dbplane.engine.Secret;
import dev.dbplane.engine.StackRun;
import dev.dbplane.support.ScriptedStackEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A run is watched until it is over: its success or failure, a cancel, its deadline, a shutdown, an interrupt. */
class RunWatcherTest {

  private static final Duration WAIT = Duration.ofSeconds(20);

  private final JobsOnH2 h2 = new JobsOnH2();
  private final ScriptedStackEngine engine = new ScriptedStackEngine();
  private final EngineRuns runs = new EngineRuns(engine, 2, h2.metrics);
  private final CountDownLatch never = new CountDownLatch(1);

  @AfterEach
  void closeRuns() {
    never.countDown();
    runs.close();
  }

  @Test
  void aRunThatSucceedsEndsTheJob() {
    Job job = claimed("watch-success");

    watch(watcher(Duration.ofMinutes(1)), job);

    assertThat(h2.find(job.id()).status()).isEqualTo(JobStatus.SUCCEEDED);
    assertThat(h2.subjects.succeeded).hasSize(1);
    assertThat(h2.eventTypes(job.id())).containsSubsequence("diagnostic", "resource-up", "succeeded");
  }

  @Test
  void anEngineFailureFailsTheJobWithItsCodeAndWithoutTheToken() {
    Job job = claimed("watch-failure");
    engine.script(job.clusterName(), new ScriptedStackEngine.Fail(EngineFailure.PROVIDER_ERROR, "rejected " + JobsOnH2.TOKEN));

    watch(watcher(Duration.ofMinutes(1)), job);

    assertThat(h2.find(job.id()).error()).isEqualTo(new JobError(JobErrorCode.PROVIDER_ERROR, "rejected " + Redactor.MASK));
  }

  @Test
  void aCancelWhileRunningIsPassedToTheEngineAndCancelsTheJob() throws Exception {
    Job job = claimed("watch-cancel");
    CompletableFuture<Void> watched = blockedRun(watcher(Duration.ofMinutes(1)), job);

    h2.jobs.requestCancel(job.id());
    watched.get(WAIT.toSeconds(), TimeUnit.SECONDS);

    assertThat(h2.find(job.id()).status()).isEqualTo(JobStatus.CANCELLED);
    assertThat(h2.eventMessage(job.id(), "cancelling")).isEqualTo("asked the engine to stop");
  }

  @Test
  void aRunPastItsDeadlineIsStoppedAndFailsWithTimeout() {
    Job job = watchedPastItsDeadline("watch-deadline", new ScriptedStackEngine.Block(never));

    assertThat(h2.find(job.id()).error()).isEqualTo(new JobError(JobErrorCode.TIMEOUT, "the UP did not finish within PT0.3S"));
    assertThat(h2.eventMessage(job.id(), "timeout")).isEqualTo("the UP ran longer than PT0.3S; asked the engine to stop");
  }

  @Test
  void aRunThatIgnoresTheStopIsAbandonedAfterTheStopGrace() {
    Job job = watchedPastItsDeadline("watch-ignores-stop", new ScriptedStackEngine.IgnoreCancel(never));

    assertThat(h2.find(job.id()).error()).extracting(JobError::code).isEqualTo(JobErrorCode.TIMEOUT);
  }

  @Test
  void onShutdownTheRunIsStoppedAndTheJobHandedBackForAnotherInstance() throws Exception {
    Job job = claimed("watch-shutdown");
    RunWatcher watcher = watcher(Duration.ofMinutes(1));
    CompletableFuture<Void> watched = blockedRun(watcher, job);

    watcher.shutDown();
    watched.get(WAIT.toSeconds(), TimeUnit.SECONDS);

    assertThat(h2.find(job.id()).status()).isEqualTo(JobStatus.QUEUED);
    assertThat(h2.eventTypes(job.id())).endsWith("handed-back");
    assertThat(h2.executions()).containsExactly(job.id() + "#1");
    assertThat(h2.announced).extracting(changed -> changed.job().status()).containsExactly(JobStatus.QUEUED);
    assertThat(h2.subjects.didNotSucceed).isEmpty();
  }

  @Test
  void onShutdownAJobBeingCancelledIsCancelledNotHandedBack() throws Exception {
    Job job = claimed("watch-shutdown-cancel");
    RunWatcher watcher = watcher(Duration.ofMinutes(1));
    CompletableFuture<Void> watched = blockedRun(watcher, job);

    h2.jobs.requestCancel(job.id());
    watcher.shutDown();
    watched.get(WAIT.toSeconds(), TimeUnit.SECONDS);

    assertThat(h2.find(job.id()).status()).isEqualTo(JobStatus.CANCELLED);
    assertThat(h2.executions()).isEmpty();
  }

  @Test
  void anInterruptedWorkerHandsTheJobBackAndKeepsItsInterrupt() throws Exception {
    Job job = claimed("watch-interrupted");
    engine.script(job.clusterName(), new ScriptedStackEngine.Block(never));
    RunWatcher watcher = watcher(Duration.ofMinutes(1));
    AtomicBoolean stillInterrupted = new AtomicBoolean();
    Thread worker = new Thread(() -> {
      watch(watcher, job);
      stillInterrupted.set(Thread.currentThread().isInterrupted());
    });
    worker.start();
    awaitRunStarted(job);

    worker.interrupt();
    worker.join(WAIT.toMillis());

    assertThat(worker.isAlive()).isFalse();
    assertThat(stillInterrupted).isTrue();
    assertThat(h2.find(job.id()).status()).isEqualTo(JobStatus.QUEUED);
    assertThat(h2.executions()).containsExactly(job.id() + "#1");
  }

  private RunWatcher watcher(Duration timeout) {
    return new RunWatcher(h2.ledger, runs, h2.ending(), h2.queue, JobsOnH2.settings(timeout, Duration.ofMillis(500)));
  }

  /** A job as the runner hands it to the watcher: claimed, RUNNING, its first attempt. */
  private Job claimed(String clusterName) {
    Job job = h2.queued(clusterName, Operation.UP);
    h2.jobs.start(job.id(), JobStatus.QUEUED, Instant.now());
    return h2.find(job.id());
  }

  private void watch(RunWatcher watcher, Job job) {
    Redactor redactor = new Redactor();
    redactor.add(JobsOnH2.TOKEN);
    RunProgress progress = new RunProgress(h2.events, job.id(), h2.ledger.clock());
    StackRun run = new StackRun(job.id(), job.spec(), Secret.of(JobsOnH2.TOKEN), false, null, progress);
    JobEnding ending = h2.ending();
    watcher.watch(job, run, redactor, progress, outcome -> ending.end(job, JobStatus.SUCCEEDED, outcome, null, progress));
  }

  /** Watches, on another thread, a run that goes on until it is stopped; returns once the engine has it. */
  private CompletableFuture<Void> blockedRun(RunWatcher watcher, Job job) throws InterruptedException {
    engine.script(job.clusterName(), new ScriptedStackEngine.Block(never));
    CompletableFuture<Void> watched = CompletableFuture.runAsync(() -> watch(watcher, job));
    awaitRunStarted(job);
    return watched;
  }

  private Job watchedPastItsDeadline(String clusterName, ScriptedStackEngine.Script script) {
    Job job = claimed(clusterName);
    engine.script(clusterName, script);
    watch(watcher(Duration.ofMillis(300)), job);
    return job;
  }

  private void awaitRunStarted(Job job) throws InterruptedException {
    Instant deadline = Instant.now().plus(WAIT);
    while (engine.callsFor(job.clusterName()).isEmpty() && Instant.now().isBefore(deadline)) {
      Thread.sleep(10);
    }
    assertThat(engine.callsFor(job.clusterName())).as("the engine was called").hasSize(1);
  }
}
