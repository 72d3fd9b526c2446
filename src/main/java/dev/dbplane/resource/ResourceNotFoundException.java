package dev.dbplane.resource;

import java.util.UUID;

public final class ResourceNotFoundException extends RuntimeException {

  ResourceNotFoundException(String noun, UUID id) {
    super("no " + noun + " " + id);
  }
}
