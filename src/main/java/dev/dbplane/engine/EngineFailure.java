package dev.dbplane.engine;

/** Why a run failed, as a fixed vocabulary for machines; the exception's message is for people. */
public enum EngineFailure {
  /** The engine cannot run here at all (no Pulumi CLI, an unsupported version, no plugin). */
  ENGINE_UNAVAILABLE,
  /** DigitalOcean refused the token. */
  CREDENTIALS_REJECTED,
  /** Another update holds the stack (another replica, or a stale lock). */
  CONCURRENT_UPDATE,
  /** DigitalOcean or the provider refused or failed the change (quota, name taken, size not offered). */
  PROVIDER_ERROR,
  /**
   * The stack no longer holds the resource it held (its state was deleted or emptied outside the
   * service); nothing ran, since an update would create a second one beside the first.
   */
  STATE_LOST,
  /** The run stopped because it was asked to. */
  CANCELLED,
  /** Anything else: a defect of the engine or of this service. */
  INTERNAL
}
