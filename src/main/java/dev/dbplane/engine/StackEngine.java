package dev.dbplane.engine;

/**
 * The port through which jobs act on stacks. Every method but {@link #cancel} blocks until the run
 * ends; a worker calls them one run at a time per stack. Implementations report progress through
 * {@link StackRun#events()} and classify every failure as a {@link StackEngineException}.
 */
public interface StackEngine {

  StackResult up(StackRun run) throws StackEngineException;

  StackResult preview(StackRun run) throws StackEngineException;

  StackResult refresh(StackRun run) throws StackEngineException;

  /** Deletes the resource, then removes the stack itself. */
  StackResult destroy(StackRun run) throws StackEngineException;

  /**
   * Has DigitalOcean give the stack's user a new password, then reads the user into the stack; the
   * outputs carry the new password. Only a kind with passwords of its own (a user) can.
   */
  StackResult rotatePassword(StackRun run) throws StackEngineException;

  /** Compares the stack with DigitalOcean and reports what drifted, changing nothing, its state included. */
  StackResult driftCheck(StackRun run) throws StackEngineException;

  /**
   * Asks the run of this job that is in flight, if any, to stop; returns at once. The run then ends
   * with {@link EngineFailure#CANCELLED}, or with its result if it could not be stopped in time.
   */
  void cancel(StackRun run);

  default StackResult run(Operation operation, StackRun run) throws StackEngineException {
    return switch (operation) {
      case UP -> up(run);
      case PREVIEW -> preview(run);
      case REFRESH -> refresh(run);
      case DESTROY -> destroy(run);
      case ROTATE_PASSWORD -> rotatePassword(run);
      case DRIFT_CHECK -> driftCheck(run);
    };
  }
}
