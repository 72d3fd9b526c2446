package dev.dbplane.resource;

import java.util.List;

/** A cluster that resources still live in cannot be destroyed: they go first. */
public final class ResourceInUseException extends RuntimeException {

  private final ManagedResource resource;
  private final List<ManagedResource> inside;

  ResourceInUseException(ManagedResource resource, String noun, List<ManagedResource> inside) {
    super("the " + noun + " " + resource.name() + " still holds " + inside.size() + " resource(s) managed here: "
        + String.join(", ", inside.stream().map(r -> r.kind() + " " + r.name()).toList()) + "; destroy them first, or ask to destroy them with it");
    this.resource = resource;
    this.inside = List.copyOf(inside);
  }

  public ManagedResource resource() {
    return resource;
  }

  /** What still lives in it, each to be destroyed before it. */
  public List<ManagedResource> inside() {
    return inside;
  }
}
