package dev.dbplane.resource;

import java.util.List;
import java.util.Set;

/**
 * The stack outputs of a resource kind.
 *
 * @param all every output, in the order the program exports them
 * @param secrets those whose values are secret: stored encrypted, redacted on read
 * @param id the output that holds the resource's DigitalOcean id
 */
public record OutputNames(List<String> all, Set<String> secrets, String id) {

  public OutputNames {
    all = List.copyOf(all);
    secrets = Set.copyOf(secrets);
    if (!all.containsAll(secrets) || !all.contains(id)) {
      throw new IllegalArgumentException("the secret and id outputs must be among the outputs: " + all);
    }
  }
}
