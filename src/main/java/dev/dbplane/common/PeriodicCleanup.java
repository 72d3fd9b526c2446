package dev.dbplane.common;

import java.time.Duration;

/**
 * Housekeeping that runs on one replica at a time, on the durable scheduler: for example dropping
 * records kept only for a while. Declare one as a bean and it is scheduled.
 */
public interface PeriodicCleanup {

  /** Unique, stable name (the scheduler's task name). */
  String name();

  Duration every();

  void run();
}
