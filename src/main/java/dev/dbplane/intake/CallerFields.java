package dev.dbplane.intake;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Names the fields of a request as its caller wrote them. The rules report proto field paths
 * ({@code target.spec.cluster_name}, {@code metadata.labels["team"]}); a JSON or YAML caller wrote
 * proto JSON names ({@code target.spec.clusterName}) or proto names, and is best helped by the
 * place of the field in its text. A field the text does not hold is spelled as the caller spells
 * the others, without a place. A binary protobuf caller wrote field numbers: its paths stay proto
 * names.
 */
public final class CallerFields {

  /** For requests with no text to point into: proto names, no places. */
  public static final CallerFields AS_SENT = new CallerFields(null, null, true);

  /** A field as the caller wrote it, and the 1-based line and column of its value in the body when it is there. */
  public record Located(String field, @Nullable Integer line, @Nullable Integer column) {

    private static Located at(String field, SourceTree.@Nullable Position position) {
      return position == null ? new Located(field, null, null) : new Located(field, position.line(), position.column());
    }
  }

  /** One segment of a proto field path: a field name, a list index or a map key. */
  private static final Pattern SEGMENT = Pattern.compile("(?:^|\\.)([A-Za-z_][A-Za-z0-9_]*)|\\[(\\d+)]|\\[\"(.*?)\"](?=$|[.\\[])");

  private final @Nullable SourceTree tree;
  private final @Nullable Descriptor root;
  private final boolean snakeCase;

  private CallerFields(@Nullable SourceTree tree, @Nullable Descriptor root, boolean snakeCase) {
    this.tree = tree;
    this.root = root;
    this.snakeCase = snakeCase;
  }

  /** The fields of a JSON or YAML body read as {@code root}. */
  static CallerFields of(SourceTree tree, Descriptor root) {
    int[] spellings = new int[2];
    countSpellings(tree.root(), root, spellings);
    return new CallerFields(tree, root, spellings[0] > spellings[1]);
  }

  /** The field at a proto field path, as the caller wrote it; the path itself when it is not one. */
  public Located locate(String protoPath) {
    if (tree == null || root == null) {
      return Located.at(protoPath, null);
    }
    StringBuilder spelled = new StringBuilder();
    @Nullable JsonElement at = tree.root();
    @Nullable Descriptor message = root;
    @Nullable FieldDescriptor field = null;
    Matcher segment = SEGMENT.matcher(protoPath);
    int end = 0;
    while (end < protoPath.length()) {
      if (!segment.find(end) || segment.start() != end) {
        return Located.at(protoPath, null);
      }
      end = segment.end();
      if (segment.group(1) != null) {
        String name = segment.group(1);
        field = message == null ? null : message.findFieldByName(name);
        String key = at instanceof JsonObject object ? keyOf(object, name, field) : null;
        spelled.append(spelled.isEmpty() ? "" : ".").append(key != null ? key : spelling(name, field));
        at = key == null ? null : ((JsonObject) at).get(key);
        message = field != null && field.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !field.isMapField() ? field.getMessageType() : null;
      } else if (segment.group(2) != null) {
        int index = Integer.parseInt(segment.group(2));
        spelled.append('[').append(index).append(']');
        at = at != null && at.isJsonArray() && index < at.getAsJsonArray().size() ? at.getAsJsonArray().get(index) : null;
      } else {
        String key = segment.group(3);
        spelled.append("[\"").append(key).append("\"]");
        at = at instanceof JsonObject object ? object.get(key) : null;
        message = mapValueType(field);
      }
    }
    return Located.at(spelled.toString(), at == null || at.isJsonNull() ? null : tree.positionOf(at));
  }

  private static @Nullable String keyOf(JsonObject object, String protoName, @Nullable FieldDescriptor field) {
    String jsonName = field != null ? field.getJsonName() : lowerCamel(protoName);
    if (object.has(protoName)) {
      return protoName;
    }
    return object.has(jsonName) ? jsonName : null;
  }

  private String spelling(String protoName, @Nullable FieldDescriptor field) {
    if (snakeCase) {
      return protoName;
    }
    return field != null ? field.getJsonName() : lowerCamel(protoName);
  }

  private static @Nullable Descriptor mapValueType(@Nullable FieldDescriptor field) {
    if (field == null || !field.isMapField()) {
      return null;
    }
    FieldDescriptor value = field.getMessageType().findFieldByName("value");
    return value.getJavaType() == FieldDescriptor.JavaType.MESSAGE ? value.getMessageType() : null;
  }

  /** Protobuf's own rule for a field's JSON name: each letter after an underscore in upper case. */
  private static String lowerCamel(String protoName) {
    StringBuilder camel = new StringBuilder();
    boolean upper = false;
    for (char c : protoName.toCharArray()) {
      if (c == '_') {
        upper = true;
      } else {
        camel.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return camel.toString();
  }

  /** Counts the keys spelled as proto names ([0]) and as JSON names ([1]) where the two differ. */
  private static void countSpellings(JsonElement element, Descriptor message, int[] spellings) {
    if (!(element instanceof JsonObject object)) {
      return;
    }
    for (String key : object.keySet()) {
      FieldDescriptor field = ModelShapeChecker.findField(message, key);
      if (field == null) {
        continue;
      }
      if (!field.getName().equals(field.getJsonName())) {
        spellings[key.equals(field.getName()) ? 0 : 1]++;
      }
      if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !field.isMapField()) {
        JsonElement value = object.get(key);
        if (field.isRepeated() && value.isJsonArray()) {
          for (JsonElement item : value.getAsJsonArray()) {
            countSpellings(item, field.getMessageType(), spellings);
          }
        } else {
          countSpellings(value, field.getMessageType(), spellings);
        }
      }
    }
  }
}
