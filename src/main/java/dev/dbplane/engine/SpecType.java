package dev.dbplane.engine;

/**
 * A kind's spec as jobs store it and the engine reads it back: the kind its specs name, and their
 * class.
 */
public record SpecType<S extends ResourceSpec>(String kind, Class<S> type) {

  /** The spec as its kind's, or an error naming both kinds. */
  public S cast(ResourceSpec spec) {
    if (!kind.equals(spec.kind())) {
      throw new IllegalArgumentException("a spec of " + spec.kind() + " is not a spec of " + kind);
    }
    return type.cast(spec);
  }
}
