package dev.dbplane.api;

/** A query parameter or header with a value the endpoint cannot use. */
final class InvalidParameterException extends RuntimeException {

  private final String parameter;

  InvalidParameterException(String parameter, String reason) {
    super(reason, null, false, false);
    this.parameter = parameter;
  }

  String parameter() {
    return parameter;
  }
}
