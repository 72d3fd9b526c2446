package dev.dbplane.engine;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One part of every resource kind (its program, its job subjects, its rules), found by the kind a
 * spec or a record names. A kind named nowhere is a defect of the wiring, not of the request.
 *
 * @param <T> the part
 */
public final class KindRegistry<T> {

  private final Map<String, T> byKind;
  private final String part;

  /** @param part what the parts are, for the error that names a missing one ("program") */
  public KindRegistry(Collection<? extends T> parts, Function<? super T, String> kindOf, String part) {
    this.byKind = parts.stream().collect(Collectors.toUnmodifiableMap(kindOf, Function.identity()));
    this.part = part;
  }

  public T of(String kind) {
    T found = byKind.get(kind);
    if (found == null) {
      throw new IllegalStateException("no " + part + " for resource kind " + kind + " is known here; known: " + kinds());
    }
    return found;
  }

  public Set<String> kinds() {
    return byKind.keySet();
  }

  public List<T> all() {
    return List.copyOf(byKind.values());
  }
}
