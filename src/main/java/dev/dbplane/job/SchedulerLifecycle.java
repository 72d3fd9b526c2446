package dev.dbplane.job;

import com.github.kagkarlsson.scheduler.Scheduler;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the scheduler with the service, and on shutdown stops it in the order that hands the
 * running jobs back: first no run goes on (each is stopped and its job queued again for another
 * instance), then the scheduler stops claiming and waits for its workers to return.
 */
final class SchedulerLifecycle implements SmartLifecycle {

  /**
   * The scheduler stops after the web server, which stops at {@code DEFAULT_PHASE - 1024} (the
   * graceful end of requests in flight, which may still submit jobs) and {@code - 2048}; and, like
   * every phase, before any bean is destroyed: the DataSource closes only once the jobs are handed
   * back.
   */
  static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

  private final Scheduler scheduler;
  private final RunWatcher runs;
  private volatile boolean running;

  SchedulerLifecycle(Scheduler scheduler, RunWatcher runs) {
    this.scheduler = scheduler;
    this.runs = runs;
  }

  @Override
  public void start() {
    scheduler.start();
    running = true;
  }

  @Override
  public void stop() {
    runs.shutDown();
    // Waits for the running jobs, which hand themselves back within the stop grace.
    scheduler.stop();
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /**
   * A stopped db-scheduler cannot start again (its executors are shut down), so a context that is
   * paused (as the test framework pauses cached contexts) must keep it running, not stop it.
   */
  @Override
  public boolean isPauseable() {
    return false;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }
}
