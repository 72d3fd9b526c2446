package dev.dbplane.engine;

import java.util.Map;
import java.util.Set;

/**
 * What a run reports when it ends well.
 *
 * @param changes count of resources per kind of change ({@code create}, {@code update}, {@code
 *     delete}, {@code same}, ...), as the engine summarises them; for a refresh, what differs
 * @param outputs the stack outputs after the run (empty for preview, refresh with no stack, destroy)
 * @param secretOutputs names of the outputs whose values are secret
 */
public record StackResult(Map<String, Integer> changes, Map<String, String> outputs, Set<String> secretOutputs) {

  public StackResult {
    changes = Map.copyOf(changes);
    outputs = Map.copyOf(outputs);
    secretOutputs = Set.copyOf(secretOutputs);
  }

  public static StackResult changesOnly(Map<String, Integer> changes) {
    return new StackResult(changes, Map.of(), Set.of());
  }
}
