package dev.dbplane.resource;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

  /**
   * A value for each output, in the outputs' order: how a program lists what it exports.
   *
   * @throws IllegalArgumentException when the values are not exactly one for each output
   */
  public <V> Map<String, V> inOrder(Map<String, V> byOutput) {
    if (!byOutput.keySet().equals(Set.copyOf(all))) {
      throw new IllegalArgumentException("a value for each of " + all + " is needed, not for " + byOutput.keySet());
    }
    Map<String, V> ordered = new LinkedHashMap<>();
    all.forEach(name -> ordered.put(name, byOutput.get(name)));
    return Collections.unmodifiableMap(ordered);
  }
}
