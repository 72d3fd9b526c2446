package dev.dbplane.engine;

import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

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
 * @param verification what connecting to the resource after an UP showed; null when it was not tried
 */
public record StackResult(
    Map<String, Integer> changes, Map<String, String> outputs, Set<String> secretOutputs, boolean resourceGone,
    @Nullable Verification verification) {

  public StackResult {
    changes = Map.copyOf(changes);
    outputs = Map.copyOf(outputs);
    secretOutputs = Set.copyOf(secretOutputs);
  }

  public StackResult(Map<String, Integer> changes, Map<String, String> outputs, Set<String> secretOutputs) {
    this(changes, outputs, secretOutputs, false, null);
  }

  public StackResult withVerification(Verification checked) {
    return new StackResult(changes, outputs, secretOutputs, resourceGone, checked);
  }

  public static StackResult changesOnly(Map<String, Integer> changes) {
    return new StackResult(changes, Map.of(), Set.of());
  }

  /** A refresh found the stack's resource gone from DigitalOcean. */
  public static StackResult gone(Map<String, Integer> changes) {
    return new StackResult(changes, Map.of(), Set.of(), true, null);
  }
}
