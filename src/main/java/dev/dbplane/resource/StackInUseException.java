package dev.dbplane.resource;

import dev.dbplane.engine.StackName;

/**
 * A new resource whose stack is already another resource's: running it would have Pulumi replace the
 * other one, deleting it, so a stack holds one resource for that resource's whole life.
 */
public final class StackInUseException extends RuntimeException {

  private final String field;
  private final ManagedResource holder;
  private final String noun;

  StackInUseException(String field, StackName stack, ManagedResource holder, String noun) {
    super(stack.equals(holder.stack())
        ? "the stack " + stack + " is already the stack of " + noun + " " + holder.name()
        : "the stack " + stack + " is the stack " + holder.stack() + " of " + noun + " " + holder.name()
            + " (stacks are told apart by project and stack name, ignoring case)");
    this.field = field;
    this.holder = holder;
    this.noun = noun;
  }

  /** The field of the request that named the stack. */
  public String field() {
    return field;
  }

  /** The resource whose stack it is. */
  public ManagedResource holder() {
    return holder;
  }

  /** How people call the resource whose stack it is ("cluster"). */
  public String noun() {
    return noun;
  }
}
