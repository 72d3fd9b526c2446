package dev.dbplane.job;

import java.util.UUID;

public final class JobNotFoundException extends RuntimeException {

  JobNotFoundException(UUID id) {
    super("no job " + id);
  }
}
