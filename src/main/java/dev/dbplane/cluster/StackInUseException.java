package dev.dbplane.cluster;

import dev.dbplane.engine.StackName;

/**
 * A new cluster whose stack is already another cluster's: running it would have Pulumi replace the
 * other cluster, deleting it, so a stack holds one cluster for that cluster's whole life.
 */
public final class StackInUseException extends RuntimeException {

  private final String field;
  private final Cluster holder;

  StackInUseException(String field, StackName stack, Cluster holder) {
    super(stack.equals(holder.stack())
        ? "the stack " + stack + " is already the stack of cluster " + holder.name()
        : "the stack " + stack + " is the stack " + holder.stack() + " of cluster " + holder.name()
            + " (stacks are told apart by project and stack name, ignoring case)");
    this.field = field;
    this.holder = holder;
  }

  /** The field of the request that named the stack. */
  public String field() {
    return field;
  }

  /** The cluster whose stack it is. */
  public Cluster holder() {
    return holder;
  }
}
