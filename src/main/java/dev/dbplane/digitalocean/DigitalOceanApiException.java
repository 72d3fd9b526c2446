package dev.dbplane.digitalocean;

/** DigitalOcean's API refused a request or could not be reached; the message is for people. */
public final class DigitalOceanApiException extends RuntimeException {

  private final int status;

  DigitalOceanApiException(String message, int status) {
    super(message);
    this.status = status;
  }

  /** The HTTP status DigitalOcean answered; 0 when it did not answer. */
  public int status() {
    return status;
  }
}
