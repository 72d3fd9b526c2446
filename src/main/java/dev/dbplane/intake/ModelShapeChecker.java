package dev.dbplane.intake;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Walks a JSON or YAML tree against a message descriptor and reports every place where it does not
 * fit the model (unknown fields, wrong types, unknown enum names, out-of-range numbers, two members of
 * a oneof), each with its path, so the caller can fix all of them at once. The tree is tidied in
 * place where the meaning is unambiguous: enum names in another case, and YAML scalars given for
 * string fields (which keep their literal text).
 */
final class ModelShapeChecker {

  private static final BigInteger UINT32_MAX = BigInteger.valueOf(0xFFFF_FFFFL);
  private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
  private static final int MAX_INTEGER_DIGITS = 40;
  private static final BigInteger TOO_LARGE = BigInteger.TEN.pow(MAX_INTEGER_DIGITS + 1);

  private final SourceTree tree;
  private final List<IntakeProblem> problems = new ArrayList<>();

  private ModelShapeChecker(SourceTree tree) {
    this.tree = tree;
  }

  static List<IntakeProblem> check(SourceTree tree, Descriptor descriptor) {
    ModelShapeChecker checker = new ModelShapeChecker(tree);
    checker.checkMessage(tree.root(), descriptor, "");
    return List.copyOf(checker.problems);
  }

  private void checkMessage(JsonElement element, Descriptor descriptor, String path) {
    if (!element.isJsonObject()) {
      problem(element, path.isEmpty() ? null : path, "must be an object (" + descriptor.getName() + ")");
      return;
    }
    JsonObject object = element.getAsJsonObject();
    Map<FieldDescriptor, String> given = new HashMap<>();
    Map<OneofDescriptor, String> oneofsGiven = new HashMap<>();
    for (String key : List.copyOf(object.keySet())) {
      String fieldPath = path.isEmpty() ? key : path + "." + key;
      JsonElement value = object.get(key);
      FieldDescriptor field = findField(descriptor, key);
      if (field == null) {
        problem(value, fieldPath, "unknown field; " + descriptor.getName() + " has " + knownFields(descriptor));
        continue;
      }
      String earlier = given.putIfAbsent(field, key);
      if (earlier != null) {
        problem(value, fieldPath, "the same field as '" + earlier + "'; give it once");
        continue;
      }
      if (value.isJsonNull()) {
        continue;
      }
      OneofDescriptor oneof = field.getRealContainingOneof();
      if (oneof != null) {
        String other = oneofsGiven.putIfAbsent(oneof, key);
        if (other != null) {
          problem(value, fieldPath, "only one of '" + other + "' and '" + key + "' may be given");
          continue;
        }
      }
      JsonElement tidied = checkField(value, field, fieldPath);
      if (tidied != value) {
        object.add(key, tidied);
      }
    }
  }

  private JsonElement checkField(JsonElement value, FieldDescriptor field, String path) {
    if (field.isMapField()) {
      checkMap(value, field, path);
      return value;
    }
    if (field.isRepeated()) {
      if (!value.isJsonArray()) {
        problem(value, path, "must be a list");
        return value;
      }
      JsonArray array = value.getAsJsonArray();
      for (int i = 0; i < array.size(); i++) {
        JsonElement item = array.get(i);
        JsonElement tidied = checkSingle(item, field, path + "[" + i + "]");
        if (tidied != item) {
          array.set(i, tidied);
        }
      }
      return value;
    }
    return checkSingle(value, field, path);
  }

  private void checkMap(JsonElement value, FieldDescriptor field, String path) {
    if (!value.isJsonObject()) {
      problem(value, path, "must be a map of keys to values");
      return;
    }
    FieldDescriptor valueField = field.getMessageType().findFieldByName("value");
    JsonObject map = value.getAsJsonObject();
    for (String key : List.copyOf(map.keySet())) {
      JsonElement entry = map.get(key);
      String entryPath = path + "[\"" + key + "\"]";
      if (entry.isJsonNull()) {
        problem(entry, entryPath, "map values cannot be null");
        continue;
      }
      JsonElement tidied = checkSingle(entry, valueField, entryPath);
      if (tidied != entry) {
        map.add(key, tidied);
      }
    }
  }

  private JsonElement checkSingle(JsonElement value, FieldDescriptor field, String path) {
    switch (field.getJavaType()) {
      case MESSAGE -> checkMessage(value, field.getMessageType(), path);
      case ENUM -> {
        return checkEnum(value, field.getEnumType(), path);
      }
      case STRING -> {
        return checkString(value, path);
      }
      case BOOLEAN -> checkBoolean(value, path);
      case INT, LONG -> checkInteger(value, field, path);
      case FLOAT, DOUBLE -> checkNumber(value, path);
      case BYTE_STRING -> checkBytes(value, path);
    }
    return value;
  }

  private JsonElement checkEnum(JsonElement value, EnumDescriptor type, String path) {
    if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber()) {
      checkIntegerRange(value, path, BigInteger.valueOf(Integer.MIN_VALUE), BigInteger.valueOf(Integer.MAX_VALUE));
      return value;
    }
    if (!isString(value)) {
      problem(value, path, "must be one of " + enumNames(type));
      return value;
    }
    String name = value.getAsString();
    if (type.findValueByName(name) != null) {
      return value;
    }
    List<EnumValueDescriptor> sameIgnoringCase =
        type.getValues().stream().filter(v -> v.getName().equalsIgnoreCase(name)).toList();
    if (sameIgnoringCase.size() == 1) {
      return tidied(value, new JsonPrimitive(sameIgnoringCase.get(0).getName()));
    }
    problem(value, path, "'" + name + "' is not one of " + enumNames(type));
    return value;
  }

  private JsonElement checkString(JsonElement value, String path) {
    if (isString(value)) {
      return value;
    }
    String yamlText = tree.scalarTextOf(value);
    if (yamlText != null) {
      return tidied(value, new JsonPrimitive(yamlText));
    }
    problem(value, path, "must be a string");
    return value;
  }

  private void checkBoolean(JsonElement value, String path) {
    boolean ok =
        value.isJsonPrimitive()
            && (value.getAsJsonPrimitive().isBoolean()
                || (isString(value) && (value.getAsString().equals("true") || value.getAsString().equals("false"))));
    if (!ok) {
      problem(value, path, "must be true or false");
    }
  }

  private void checkInteger(JsonElement value, FieldDescriptor field, String path) {
    boolean unsigned =
        switch (field.getType()) {
          case UINT32, FIXED32, UINT64, FIXED64 -> true;
          default -> false;
        };
    boolean wide = field.getJavaType() == FieldDescriptor.JavaType.LONG;
    BigInteger min = unsigned ? BigInteger.ZERO : BigInteger.valueOf(wide ? Long.MIN_VALUE : Integer.MIN_VALUE);
    BigInteger max =
        unsigned ? (wide ? UINT64_MAX : UINT32_MAX) : BigInteger.valueOf(wide ? Long.MAX_VALUE : Integer.MAX_VALUE);
    checkIntegerRange(value, path, min, max);
  }

  private void checkIntegerRange(JsonElement value, String path, BigInteger min, BigInteger max) {
    BigInteger number = asInteger(value);
    if (number == null) {
      problem(value, path, "must be a whole number");
    } else if (number.compareTo(min) < 0 || number.compareTo(max) > 0) {
      problem(value, path, "must be between " + min + " and " + max);
    }
  }

  private static @Nullable BigInteger asInteger(JsonElement value) {
    if (!value.isJsonPrimitive() || value.getAsJsonPrimitive().isBoolean()) {
      return null;
    }
    try {
      BigDecimal decimal = new BigDecimal(value.getAsString());
      if (decimal.signum() != 0 && decimal.precision() - decimal.scale() > MAX_INTEGER_DIGITS) {
        // Far beyond any field's range; expanding 1e30000000 would cost seconds of CPU.
        return decimal.signum() > 0 ? TOO_LARGE : TOO_LARGE.negate();
      }
      return decimal.stripTrailingZeros().scale() <= 0 ? decimal.toBigIntegerExact() : null;
    } catch (NumberFormatException | ArithmeticException e) {
      return null;
    }
  }

  private void checkNumber(JsonElement value, String path) {
    if (!value.isJsonPrimitive() || value.getAsJsonPrimitive().isBoolean()) {
      problem(value, path, "must be a number");
      return;
    }
    String text = value.getAsString();
    if (!(text.equals("NaN") || text.equals("Infinity") || text.equals("-Infinity"))) {
      try {
        new BigDecimal(text);
      } catch (NumberFormatException e) {
        problem(value, path, "must be a number");
      }
    }
  }

  private void checkBytes(JsonElement value, String path) {
    if (!isString(value)) {
      problem(value, path, "must be base64 text");
    }
  }

  private static boolean isString(JsonElement value) {
    return value.isJsonPrimitive() && value.getAsJsonPrimitive().isString();
  }

  /** The field a key names: by its proto name or by its JSON name, as JsonFormat reads either. */
  static @Nullable FieldDescriptor findField(Descriptor descriptor, String key) {
    FieldDescriptor byName = descriptor.findFieldByName(key);
    if (byName != null) {
      return byName;
    }
    return descriptor.getFields().stream().filter(f -> f.getJsonName().equals(key)).findFirst().orElse(null);
  }

  private static String knownFields(Descriptor descriptor) {
    return descriptor.getFields().stream().map(FieldDescriptor::getJsonName).collect(Collectors.joining(", "));
  }

  private static String enumNames(EnumDescriptor type) {
    return type.getValues().stream()
        .filter(v -> v.getNumber() != 0)
        .map(EnumValueDescriptor::getName)
        .distinct()
        .collect(Collectors.joining(", "));
  }

  /** The tidied value stands where the value it replaces stood. */
  private JsonElement tidied(JsonElement value, JsonElement replacement) {
    SourceTree.Position position = tree.positionOf(value);
    if (position != null) {
      tree.recordPosition(replacement, position);
    }
    return replacement;
  }

  private void problem(JsonElement where, @Nullable String path, String reason) {
    problems.add(IntakeProblem.at(path, reason).withPosition(tree.positionOf(where)));
  }
}
