package dev.dbplane.api;

import org.springframework.util.unit.DataSize;

/** A request body over the configured limit; it is not read further. */
final class RequestBodyTooLargeException extends RuntimeException {

  private final DataSize limit;

  RequestBodyTooLargeException(DataSize limit) {
    super("request body larger than " + limit.toBytes() + " bytes", null, false, false);
    this.limit = limit;
  }

  DataSize limit() {
    return limit;
  }
}
