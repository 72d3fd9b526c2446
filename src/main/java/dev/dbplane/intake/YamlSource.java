package dev.dbplane.intake;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads a hand-written YAML manifest into a tree. Only what a manifest needs is accepted: one
 * document, plain mappings, sequences and scalars. Anchors and aliases are refused, since they add
 * nothing to a manifest and are the means of "billion laughs" bodies that expand far beyond their
 * size; so are explicit tags ({@code !!str}, {@code !foo}, even {@code !}) on any node, which
 * could otherwise ask for arbitrary types or change how a value is read.
 */
final class YamlSource {

  private static final Pattern DECIMAL_INTEGER = Pattern.compile("^[-+]?(0|[1-9][0-9]*)$");

  private YamlSource() {}

  static SourceTree read(byte[] body) {
    LoaderOptions options = new LoaderOptions();
    // The converter refuses the first anchor with its position; this bound only stops a bomb early.
    options.setMaxAliasesForCollections(10);
    options.setAllowRecursiveKeys(false);
    options.setNestingDepthLimit(JsonSource.MAX_DEPTH);
    options.setCodePointLimit(Math.max(body.length, 1));
    Node document;
    try {
      // Only the composer: no Yaml facade, whose constructors and representers a tree does not need.
      StreamReader reader = new StreamReader(Utf8Text.decode(body));
      document = new Composer(new UntaggedEvents(new ParserImpl(reader, options)), new Resolver(), options).getSingleNode();
    } catch (MarkedYAMLException e) {
      throw UnreadableRequestException.malformed(problemAt(e.getProblemMark(), "malformed YAML: " + describe(e)));
    } catch (YAMLException e) {
      throw UnreadableRequestException.malformed(IntakeProblem.at(null, "malformed YAML: " + describe(e)));
    }
    if (document == null) {
      throw UnreadableRequestException.malformed(IntakeProblem.at(null, "the YAML document is empty"));
    }
    SourceTree tree = new SourceTree();
    tree.setRoot(new Converter(tree).convert(document));
    return tree;
  }

  private static String describe(YAMLException e) {
    String message = e instanceof MarkedYAMLException marked ? marked.getProblem() : e.getMessage();
    if (message != null && message.contains("Number of aliases")) {
      return "YAML aliases are not accepted";
    }
    if (message != null && message.contains("another document")) {
      return "the body must hold exactly one YAML document";
    }
    return message == null ? "unreadable" : message;
  }

  private static IntakeProblem problemAt(@Nullable Mark mark, String reason) {
    return mark == null
        ? IntakeProblem.at(null, reason)
        : new IntakeProblem(null, mark.getLine() + 1, mark.getColumn() + 1, reason);
  }

  /** The parser's events, refusing the first node that carries an explicit tag. */
  private record UntaggedEvents(Parser parser) implements Parser {

    @Override
    public boolean checkEvent(Event.ID id) {
      return parser.checkEvent(id);
    }

    @Override
    public Event peekEvent() {
      return parser.peekEvent();
    }

    @Override
    public Event getEvent() {
      Event event = parser.getEvent();
      String tag =
          event instanceof ScalarEvent scalar ? scalar.getTag()
              : event instanceof CollectionStartEvent collection ? collection.getTag() : null;
      if (tag != null) {
        throw UnreadableRequestException.malformed(
            problemAt(event.getStartMark(), "explicit YAML tags (" + tag + ") are not accepted in a manifest"));
      }
      return event;
    }
  }

  private static final class Converter {
    private final SourceTree tree;
    private final Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());

    Converter(SourceTree tree) {
      this.tree = tree;
    }

    JsonElement convert(Node node) {
      if (node.getAnchor() != null || !seen.add(node)) {
        throw refused(node, "YAML anchors and aliases are not accepted in a manifest");
      }
      JsonElement element =
          switch (node.getNodeId()) {
            case mapping -> mapping((MappingNode) node);
            case sequence -> sequence((SequenceNode) node);
            case scalar -> scalar((ScalarNode) node);
            default -> throw refused(node, "YAML anchors and aliases are not accepted in a manifest");
          };
      if (!element.isJsonNull()) {
        tree.recordPosition(element, position(node));
      }
      return element;
    }

    private JsonObject mapping(MappingNode node) {
      JsonObject object = new JsonObject();
      for (NodeTuple tuple : node.getValue()) {
        Node keyNode = tuple.getKeyNode();
        if (!(keyNode instanceof ScalarNode key) || key.getTag().equals(Tag.MERGE)) {
          throw refused(keyNode, "mapping keys must be plain scalars");
        }
        if (object.has(key.getValue())) {
          throw refused(keyNode, "the key '" + key.getValue() + "' appears twice");
        }
        object.add(key.getValue(), convert(tuple.getValueNode()));
      }
      return object;
    }

    private JsonArray sequence(SequenceNode node) {
      JsonArray array = new JsonArray();
      for (Node item : node.getValue()) {
        array.add(convert(item));
      }
      return array;
    }

    private JsonElement scalar(ScalarNode node) {
      String text = node.getValue();
      Tag tag = node.getTag();
      JsonElement element;
      if (tag.equals(Tag.NULL)) {
        return JsonNull.INSTANCE;
      } else if (tag.equals(Tag.BOOL)) {
        element = new JsonPrimitive(isTrue(text));
      } else if (tag.equals(Tag.INT)) {
        element = new JsonPrimitive(integer(node));
      } else if (tag.equals(Tag.FLOAT)) {
        element = new JsonPrimitive(decimal(node));
      } else if (tag.equals(Tag.STR) || tag.equals(Tag.TIMESTAMP)) {
        element = new JsonPrimitive(text);
      } else {
        // Tags are refused before this; what is left are YAML 1.1's '<<' and '=' as values.
        throw refused(node, "write '" + text + "' in quotes");
      }
      tree.recordScalarText(element, text);
      return element;
    }

    private static boolean isTrue(String text) {
      return switch (text.toLowerCase(java.util.Locale.ROOT)) {
        case "true", "yes", "on", "y" -> true;
        default -> false;
      };
    }

    private BigInteger integer(ScalarNode node) {
      String text = node.getValue();
      if (!DECIMAL_INTEGER.matcher(text).matches()) {
        // YAML 1.1 reads 0100 as octal and 0x2 as hex; a manifest must not depend on that.
        throw refused(node, "write integers in plain decimal without leading zeros, not '" + text + "'");
      }
      return new BigInteger(text);
    }

    private Number decimal(ScalarNode node) {
      try {
        return new BigDecimal(node.getValue().replace("_", ""));
      } catch (NumberFormatException e) {
        throw refused(node, "'" + node.getValue() + "' is not a finite number");
      }
    }

    private static SourceTree.Position position(Node node) {
      Mark mark = node.getStartMark();
      return new SourceTree.Position(mark.getLine() + 1, mark.getColumn() + 1);
    }

    private static UnreadableRequestException refused(Node node, String reason) {
      return UnreadableRequestException.malformed(problemAt(node.getStartMark(), reason));
    }
  }
}
