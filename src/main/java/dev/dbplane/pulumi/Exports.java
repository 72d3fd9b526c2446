package dev.dbplane.pulumi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The maps a kind's program gives the engine, keyed by stack output in the order the program exports them. */
public final class Exports {

  private Exports() {}

  /**
   * An unmodifiable map of these pairs, in their order.
   *
   * @param pairs each output's name followed by its value (or the property it is read from)
   */
  public static Map<String, String> inOrder(String... pairs) {
    if (pairs.length % 2 != 0) {
      throw new IllegalArgumentException("every output needs its value: " + pairs.length + " strings");
    }
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return Collections.unmodifiableMap(map);
  }
}
