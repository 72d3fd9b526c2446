package dev.dbplane.job;

/** A job that has already ended cannot be cancelled. */
public final class JobNotCancellableException extends RuntimeException {

  private final Job job;

  JobNotCancellableException(Job job) {
    super("job " + job.id() + " has already ended (" + job.status() + ")");
    this.job = job;
  }

  public Job job() {
    return job;
  }
}
