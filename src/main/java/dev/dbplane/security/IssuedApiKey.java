package dev.dbplane.security;

/** A key just created: the only time its full value is ever shown. */
public record IssuedApiKey(ApiKey key, String value) {

  @Override
  public String toString() {
    return "IssuedApiKey[" + key.id() + "]";
  }
}
