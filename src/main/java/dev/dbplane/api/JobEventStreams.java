package dev.dbplane.api;

import dev.dbplane.job.JobEvent;
import dev.dbplane.job.JobService;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live event streams. Each stream polls the database for the job's new events, so it sees events
 * written by whichever replica runs the job; a small shared pool serves every stream.
 */
@Component
class JobEventStreams {

  static final Duration POLL_INTERVAL = Duration.ofMillis(500);
  static final Duration STREAM_TIMEOUT = Duration.ofMinutes(30);
  private static final int BATCH = 100;

  private final JobService jobs;
  private final ScheduledExecutorService pollers =
      Executors.newScheduledThreadPool(2, r -> {
        Thread thread = new Thread(r, "job-event-stream");
        thread.setDaemon(true);
        return thread;
      });

  JobEventStreams(JobService jobs) {
    this.jobs = jobs;
  }

  SseEmitter open(UUID jobId, int afterSeq) {
    SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT.toMillis());
    AtomicInteger last = new AtomicInteger(afterSeq);
    AtomicReference<ScheduledFuture<?>> poll = new AtomicReference<>();
    Runnable stop = () -> {
      ScheduledFuture<?> future = poll.get();
      if (future != null) {
        future.cancel(false);
      }
    };
    emitter.onCompletion(stop);
    emitter.onTimeout(stop);
    emitter.onError(e -> stop.run());
    poll.set(pollers.scheduleWithFixedDelay(() -> pump(jobId, emitter, last, stop), 0, POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS));
    return emitter;
  }

  private void pump(UUID jobId, SseEmitter emitter, AtomicInteger last, Runnable stop) {
    try {
      // Read the status first: events written before the job ended are then all visible below.
      boolean ended = jobs.get(jobId).status().isTerminal();
      List<JobEvent> batch = jobs.events(jobId, last.get(), BATCH);
      for (JobEvent event : batch) {
        emitter.send(SseEmitter.event().id(Integer.toString(event.seq())).data(JobEventView.of(event)));
        last.set(event.seq());
      }
      if (ended && batch.size() < BATCH) {
        stop.run();
        emitter.complete();
      }
    } catch (IOException | IllegalStateException e) {
      // The client went away, or the emitter is already done.
      stop.run();
    } catch (RuntimeException e) {
      stop.run();
      emitter.completeWithError(e);
    }
  }

  @PreDestroy
  void close() {
    pollers.shutdownNow();
  }
}
