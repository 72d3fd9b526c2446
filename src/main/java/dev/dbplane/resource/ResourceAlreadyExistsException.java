package dev.dbplane.resource;

/** A resource of that kind and name is already managed here; update it instead. */
public final class ResourceAlreadyExistsException extends RuntimeException {

  private final ManagedResource existing;
  private final String noun;

  ResourceAlreadyExistsException(ManagedResource existing, String noun) {
    super("a " + noun + " named " + existing.name() + " already exists");
    this.existing = existing;
    this.noun = noun;
  }

  public ManagedResource existing() {
    return existing;
  }

  /** How people call the existing resource ("cluster"). */
  public String noun() {
    return noun;
  }
}
