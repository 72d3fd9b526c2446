package dev.dbplane.intake;

import org.springframework.util.unit.DataSize;

/** A request body over the configured limit; it is not read further. Its message says the limit, for the caller. */
public final class RequestBodyTooLargeException extends RuntimeException {

  RequestBodyTooLargeException(DataSize limit) {
    super("the limit is " + limit.toBytes() + " bytes (dbplane.intake.max-body-size)", null, false, false);
  }
}
