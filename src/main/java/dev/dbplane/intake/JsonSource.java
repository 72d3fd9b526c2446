package dev.dbplane.intake;

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
import java.util.stream.IntStream;

/**
 * Reads a JSON body strictly (RFC 8259: no comments, no trailing data) into a tree, refusing
 * duplicate keys, which a lenient reader would resolve by silently dropping one value, and
 * recording where each value stands.
 */
final class JsonSource {

  static final int MAX_DEPTH = 64;
  private static final String LENIENCY_ADVICE = "Use JsonReader.setStrictness(Strictness.LENIENT) to accept malformed JSON";
  private static final String NOT_JSON =
      "not JSON (comments, single quotes, unquoted text and data after the document are not allowed)";
  private static final Pattern LOCATION = Pattern.compile("line (\\d+) column (\\d+)");

  private final String text;
  /** Offset in the text of the first character of each line, as the reader counts lines (by line feeds). */
  private final int[] lineStarts;
  private final SourceTree tree = new SourceTree();

  private JsonSource(String text) {
    this.text = text;
    this.lineStarts = IntStream.concat(IntStream.of(0), IntStream.range(0, text.length()).filter(i -> text.charAt(i) == '\n').map(i -> i + 1))
        .toArray();
  }

  static SourceTree read(byte[] body) {
    return new JsonSource(Utf8Text.decode(body)).read();
  }

  private SourceTree read() {
    try (JsonReader reader = new JsonReader(new StringReader(text))) {
      reader.setStrictness(Strictness.STRICT);
      tree.setRoot(readValue(reader, 0, nextValuePosition(reader)));
      if (reader.peek() != JsonToken.END_DOCUMENT) {
        throw malformed(reader, "unexpected data after the JSON document");
      }
    } catch (IOException | IllegalStateException | NumberFormatException e) {
      throw UnreadableRequestException.malformed(fromSyntaxError(e.getMessage()));
    }
    return tree;
  }

  private JsonElement readValue(JsonReader reader, int depth, SourceTree.Position position) throws IOException {
    if (depth > MAX_DEPTH) {
      throw malformed(reader, "nested deeper than " + MAX_DEPTH + " levels");
    }
    JsonElement value = switch (reader.peek()) {
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
    if (!value.isJsonNull()) {
      tree.recordPosition(value, position);
    }
    return value;
  }

  /**
   * Where the value the reader reads next begins, asked before the reader looks at it. The reader
   * tells its place only in its text ("at line L column C"): then just past the token before the
   * value, which begins after the white space and the one ':' or ',' that follow there.
   */
  private SourceTree.Position nextValuePosition(JsonReader reader) {
    Matcher location = LOCATION.matcher(reader.toString());
    if (!location.find()) {
      throw new IllegalStateException("the JSON reader did not say where it is: " + reader);
    }
    int line = Integer.parseInt(location.group(1));
    int offset = skipWhiteSpace(lineStarts[line - 1] + Integer.parseInt(location.group(2)) - 1);
    if (offset < text.length() && (text.charAt(offset) == ':' || text.charAt(offset) == ',')) {
      offset = skipWhiteSpace(offset + 1);
    }
    while (line < lineStarts.length && lineStarts[line] <= offset) {
      line++;
    }
    return new SourceTree.Position(line, offset - lineStarts[line - 1] + 1);
  }

  private int skipWhiteSpace(int offset) {
    int at = offset;
    while (at < text.length() && " \t\n\r".indexOf(text.charAt(at)) >= 0) {
      at++;
    }
    return at;
  }

  private JsonObject readObject(JsonReader reader, int depth) throws IOException {
    JsonObject object = new JsonObject();
    reader.beginObject();
    while (reader.hasNext()) {
      String name = reader.nextName();
      if (object.has(name)) {
        throw malformed(reader, "the key '" + name + "' appears twice");
      }
      object.add(name, readValue(reader, depth + 1, nextValuePosition(reader)));
    }
    reader.endObject();
    return object;
  }

  private JsonArray readArray(JsonReader reader, int depth) throws IOException {
    JsonArray array = new JsonArray();
    reader.beginArray();
    // hasNext() looks at the next item, after which the reader's place is no longer before it.
    SourceTree.Position next = nextValuePosition(reader);
    while (reader.hasNext()) {
      array.add(readValue(reader, depth + 1, next));
      next = nextValuePosition(reader);
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
