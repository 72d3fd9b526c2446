package dev.dbplane.api;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.internal.LazilyParsedNumber;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a JSON body strictly (RFC 8259: no comments, no trailing data) into a tree, refusing
 * duplicate keys, which a lenient reader would resolve by silently dropping one value.
 */
final class JsonSource {

  static final int MAX_DEPTH = 64;
  private static final String LENIENCY_ADVICE = "Use JsonReader.setStrictness(Strictness.LENIENT) to accept malformed JSON";
  private static final String NOT_JSON =
      "not JSON (comments, single quotes, unquoted text and data after the document are not allowed)";
  private static final Pattern LOCATION = Pattern.compile("line (\\d+) column (\\d+)");

  private JsonSource() {}

  static SourceTree read(byte[] body) {
    SourceTree tree = new SourceTree();
    try (JsonReader reader = new JsonReader(new StringReader(Utf8Text.decode(body)))) {
      reader.setStrictness(Strictness.STRICT);
      tree.setRoot(readValue(reader, 0));
      if (reader.peek() != JsonToken.END_DOCUMENT) {
        throw malformed(reader, "unexpected data after the JSON document");
      }
    } catch (IOException | IllegalStateException | NumberFormatException e) {
      throw UnreadableRequestException.malformed(fromSyntaxError(e.getMessage()));
    }
    return tree;
  }

  private static JsonElement readValue(JsonReader reader, int depth) throws IOException {
    if (depth > MAX_DEPTH) {
      throw malformed(reader, "nested deeper than " + MAX_DEPTH + " levels");
    }
    return switch (reader.peek()) {
      case BEGIN_OBJECT -> readObject(reader, depth);
      case BEGIN_ARRAY -> readArray(reader, depth);
      case STRING -> new JsonPrimitive(reader.nextString());
      case NUMBER -> new JsonPrimitive(new LazilyParsedNumber(reader.nextString()));
      case BOOLEAN -> new JsonPrimitive(reader.nextBoolean());
      case NULL -> {
        reader.nextNull();
        yield JsonNull.INSTANCE;
      }
      default -> throw malformed(reader, "expected a JSON value");
    };
  }

  private static JsonObject readObject(JsonReader reader, int depth) throws IOException {
    JsonObject object = new JsonObject();
    reader.beginObject();
    while (reader.hasNext()) {
      String name = reader.nextName();
      if (object.has(name)) {
        throw malformed(reader, "the key '" + name + "' appears twice");
      }
      object.add(name, readValue(reader, depth + 1));
    }
    reader.endObject();
    return object;
  }

  private static JsonArray readArray(JsonReader reader, int depth) throws IOException {
    JsonArray array = new JsonArray();
    reader.beginArray();
    while (reader.hasNext()) {
      array.add(readValue(reader, depth + 1));
    }
    reader.endArray();
    return array;
  }

  private static IOException malformed(JsonReader reader, String reason) {
    // JsonReader.toString() ends with " at line L column C path P".
    String where = reader.toString();
    return new IOException(reason + where.substring(where.indexOf(" at line")));
  }

  private static IntakeProblem fromSyntaxError(String message) {
    String text = message == null ? "malformed JSON" : message;
    // Gson appends a link to its troubleshooting guide; a caller needs the reason and the place.
    int guide = text.indexOf("\nSee ");
    if (guide >= 0) {
      text = text.substring(0, guide);
    }
    // Gson's advice is for its own callers; say what a JSON author did wrong instead.
    text = text.replace(LENIENCY_ADVICE, NOT_JSON);
    Matcher location = LOCATION.matcher(text);
    if (location.find()) {
      return new IntakeProblem(
          null, Integer.valueOf(location.group(1)), Integer.valueOf(location.group(2)), "malformed JSON: " + text);
    }
    return IntakeProblem.at(null, "malformed JSON: " + text);
  }
}
