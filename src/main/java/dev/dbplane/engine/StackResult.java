package dev.dbplane.engine;

import java.util.Map;
import java.util.Set;

/**
 * What a run reports when it ends well.
 *
 * @param changes count of resources per kind of change ({@code create}, {@code update}, {@code
 *     delete}, {@code same}, ...), as the engine summarises them; for a refresh, what differs
 * @param outputs the stack outputs after the run (empty for preview, destroy, and a refresh that
 *     found no resource)
 * @param secretOutputs names of the outputs whose values are secret
 * @param resourceGone true when a refresh found that the stack's resource no longer exists at
 *     DigitalOcean (deleted outside this service)
 */
public record StackResult(Map<String, Integer> changes, Map<String, String> outputs, Set<String> secretOutputs, boolean resourceGone) {

  public StackResult {
    changes = Map.copyOf(changes);
    outputs = Map.copyOf(outputs);
    secretOutputs = Set.copyOf(secretOutputs);
  }

  public StackResult(Map<String, Integer> changes, Map<String, String> outputs, Set<String> secretOutputs) {
    this(changes, outputs, secretOutputs, false);
  }

  public static StackResult changesOnly(Map<String, Integer> changes) {
    return new StackResult(changes, Map.of(), Set.of());
  }

  /** A refresh found the stack's resource gone from DigitalOcean. */
  public static StackResult gone(Map<String, Integer> changes) {
    return new StackResult(changes, Map.of(), Set.of(), true);
  }
}
