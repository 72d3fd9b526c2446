package dev.dbplane.engine;

/**
 * A secret value (a DigitalOcean token, a password). Its {@code toString} never shows the value, so
 * a secret that reaches a log line or an exception message by mistake is not disclosed.
 */
public final class Secret {

  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  public static Secret of(String value) {
    return new Secret(value);
  }

  /** The value itself; call only where it is handed to the engine or encrypted. */
  public String reveal() {
    return value;
  }

  @Override
  public String toString() {
    return "[secret]";
  }
}
