package dev.dbplane.job;

/** A move that the job life cycle does not allow: a defect of the caller. */
final class IllegalJobTransitionException extends IllegalStateException {

  IllegalJobTransitionException(JobStatus from, JobStatus to) {
    super("a job cannot move from " + from + " to " + to);
  }
}
