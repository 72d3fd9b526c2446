package dev.dbplane.api;

/** An update sent without If-Match, which could overwrite another caller's change unseen. */
final class PreconditionRequiredException extends RuntimeException {

  PreconditionRequiredException() {
    super("send If-Match with the cluster's ETag (GET the cluster to read it)", null, false, false);
  }
}
