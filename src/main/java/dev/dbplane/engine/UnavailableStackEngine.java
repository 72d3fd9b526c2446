package dev.dbplane.engine;

/**
 * The engine in force when no real one is installed: every run fails at once with {@link
 * EngineFailure#ENGINE_UNAVAILABLE}, so jobs end with a clear reason instead of waiting forever.
 */
public final class UnavailableStackEngine implements StackEngine {

  static final String MESSAGE =
      "no stack engine is installed in this service: provisioning needs the Pulumi engine "
          + "(the Pulumi CLI and the DigitalOcean provider plugin)";

  @Override
  public StackResult up(StackRun run) throws StackEngineException {
    throw unavailable();
  }

  @Override
  public StackResult preview(StackRun run) throws StackEngineException {
    throw unavailable();
  }

  @Override
  public StackResult refresh(StackRun run) throws StackEngineException {
    throw unavailable();
  }

  @Override
  public StackResult destroy(StackRun run) throws StackEngineException {
    throw unavailable();
  }

  @Override
  public StackResult rotatePassword(StackRun run) throws StackEngineException {
    throw unavailable();
  }

  @Override
  public StackResult driftCheck(StackRun run) throws StackEngineException {
    throw unavailable();
  }

  @Override
  public void cancel(StackRun run) {
    // Nothing ever runs.
  }

  private static StackEngineException unavailable() {
    return new StackEngineException(EngineFailure.ENGINE_UNAVAILABLE, MESSAGE);
  }
}
