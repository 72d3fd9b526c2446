package dev.dbplane.job;

import dev.dbplane.engine.StackEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The engine's progress events of one run of a job, stored while the job is under its cap. Past the
 * cap they are counted, not stored, except the last {@link #TAIL}, held here and written when the
 * run ends: a run that fails after thousands of steps still shows how it ended. Events that arrive
 * once the run has ended (an engine that did not stop in time) are ignored. The engine may report
 * from several threads.
 */
final class RunProgress implements Consumer<StackEvent> {

  static final int TAIL = 20;

  private record Held(StackEvent event, Instant at) {}

  private final JobEventStore events;
  private final UUID jobId;
  private final Clock clock;
  private final Deque<Held> tail = new ArrayDeque<>(TAIL);
  private boolean capped;
  private long dropped;
  private boolean ended;

  RunProgress(JobEventStore events, UUID jobId, Clock clock) {
    this.events = events;
    this.jobId = jobId;
    this.clock = clock;
  }

  @Override
  public synchronized void accept(StackEvent event) {
    if (ended) {
      return;
    }
    Instant at = clock.instant();
    // The cap only ever fills up: once refused, the database need not be asked again.
    if (!capped && events.appendProgress(jobId, event, at)) {
      return;
    }
    if (!capped) {
      capped = true;
      events.append(jobId, JobEventType.EVENTS_CAPPED, "the job holds " + count(events.cap())
          + " events, its cap: further progress is counted, not stored, and its last " + TAIL + " events are kept", at);
    }
    if (tail.size() == TAIL) {
      tail.removeFirst();
      dropped++;
    }
    tail.addLast(new Held(event, at));
  }

  /**
   * Ends the run: says how many events were dropped and writes the last ones held back, in the
   * caller's transaction, before the event that ends the job or hands it back.
   */
  synchronized void end() {
    if (ended) {
      return;
    }
    ended = true;
    if (dropped > 0) {
      events.append(jobId, JobEventType.EVENTS_DROPPED,
          count(dropped) + " events dropped past the cap of " + count(events.cap()) + " events per job; the last " + tail.size() + " follow",
          clock.instant());
    }
    tail.forEach(held -> events.append(jobId, held.event(), held.at()));
    tail.clear();
  }

  private static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }
}
