package dev.dbplane.job;

import java.util.Locale;

/**
 * The events a job writes of itself, beside those its engine run reports: a closed vocabulary, as
 * its error codes are. Each is stored and shown by its {@link #wireName()}.
 */
enum JobEventType {
  STARTED,
  RESUMED,
  CANCEL_REQUESTED,
  CANCELLING,
  TIMEOUT,
  HANDED_BACK,
  /** One of what lived in the resource the job destroys was destroyed, before it. */
  DEPENDENT_DESTROYED,
  /** After an UP, the resource answered a connection made with its outputs. */
  VERIFIED,
  /** After an UP, the resource did not answer: it was provisioned all the same. */
  NOT_VERIFIED,
  EVENTS_CAPPED,
  EVENTS_DROPPED,
  SUCCEEDED,
  FAILED,
  CANCELLED;

  /** The name callers see: {@code handed-back}, {@code cancel-requested}. */
  String wireName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The event that marks a job's end in {@code status}. */
  static JobEventType ending(JobStatus status) {
    return switch (status) {
      case SUCCEEDED -> SUCCEEDED;
      case FAILED -> FAILED;
      case CANCELLED -> CANCELLED;
      default -> throw new IllegalArgumentException(status + " is not an end");
    };
  }
}
