package dev.dbplane.intake;

import com.google.gson.JsonElement;
import java.util.IdentityHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A JSON or YAML body as a JSON tree, with what the text said beyond it: where each value stood, and
 * for YAML the literal text of each scalar (so {@code engineVersion: 8.0} stays "8.0").
 */
final class SourceTree {

  record Position(int line, int column) {}

  private JsonElement root = com.google.gson.JsonNull.INSTANCE;
  private final Map<JsonElement, Position> positions = new IdentityHashMap<>();
  private final Map<JsonElement, String> scalarTexts = new IdentityHashMap<>();

  void setRoot(JsonElement root) {
    this.root = root;
  }

  JsonElement root() {
    return root;
  }

  void recordPosition(JsonElement element, Position position) {
    positions.put(element, position);
  }

  void recordScalarText(JsonElement element, String text) {
    scalarTexts.put(element, text);
  }

  @Nullable Position positionOf(JsonElement element) {
    return positions.get(element);
  }

  /** The literal text of a YAML scalar; null for JSON, whose types are taken as written. */
  @Nullable String scalarTextOf(JsonElement element) {
    return scalarTexts.get(element);
  }
}
