package dev.dbplane.resource;

/** A destroy must be confirmed with the cluster's name. */
public final class DestroyNotConfirmedException extends RuntimeException {

  public DestroyNotConfirmedException(String clusterName) {
    super("confirm the destroy by passing the cluster's name (" + clusterName + ") as confirm");
  }
}
