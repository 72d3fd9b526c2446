package dev.dbplane.intake;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.http.MediaType;

/**
 * Reads a request body, in JSON (proto3 JSON: snake_case or camelCase names), YAML (a manifest as
 * written by hand) or binary protobuf, into one of the messages of a {@link BodyModel}. Anything
 * that does not fit the model is refused with every problem found, never silently dropped.
 * Thread-safe.
 */
public final class RequestIntake {

  public static final MediaType APPLICATION_YAML = MediaType.parseMediaType("application/yaml");
  public static final MediaType APPLICATION_PROTOBUF = MediaType.parseMediaType("application/x-protobuf");

  /** The media types accepted, in the order documented. */
  public static final List<MediaType> ACCEPTED =
      List.of(
          MediaType.APPLICATION_JSON,
          APPLICATION_YAML,
          MediaType.parseMediaType("application/x-yaml"),
          MediaType.parseMediaType("text/yaml"),
          APPLICATION_PROTOBUF,
          MediaType.parseMediaType("application/protobuf"));

  private static final Gson GSON = new Gson();

  private final JsonFormat.Parser jsonParser = JsonFormat.parser();

  /** A body read into the model, with its fields as the caller wrote them. */
  public record Parsed(Message message, CallerFields fields) {}

  public Parsed parse(byte[] body, MediaType contentType, BodyModel model) {
    boolean protobuf = matches(contentType, "protobuf");
    if (body.length == 0 || (!protobuf && isBlank(body))) {
      throw UnreadableRequestException.malformed(IntakeProblem.at(null, "the request body is empty"));
    }
    if (protobuf) {
      return new Parsed(ProtobufSource.read(body, contentType.getParameter("messageType"), model), CallerFields.AS_SENT);
    }
    SourceTree tree = matches(contentType, "yaml") ? YamlSource.read(body) : JsonSource.read(body);
    return fromTree(tree, model);
  }

  private Parsed fromTree(SourceTree tree, BodyModel model) {
    Message.Builder builder = typeOf(tree.root(), model).newBuilderForType();
    List<IntakeProblem> problems = ModelShapeChecker.check(tree, builder.getDescriptorForType());
    if (!problems.isEmpty()) {
      throw new UnreadableRequestException(UnreadableRequestException.Kind.DOES_NOT_FIT_MODEL, problems);
    }
    try {
      jsonParser.merge(GSON.toJson(tree.root()), builder);
    } catch (InvalidProtocolBufferException e) {
      // The shape checker admits only what JsonFormat reads; reaching here means they disagree.
      throw new UnreadableRequestException(
          UnreadableRequestException.Kind.DOES_NOT_FIT_MODEL,
          List.of(IntakeProblem.at(null, "does not fit the model: " + e.getMessage())));
    }
    return new Parsed(builder.build(), CallerFields.of(tree, builder.getDescriptorForType()));
  }

  private static Message typeOf(JsonElement root, BodyModel model) {
    if (!root.isJsonObject()) {
      return model.defaultType();
    }
    return root.getAsJsonObject().keySet().stream()
        .map(model.markingKeys()::get)
        .filter(type -> type != null)
        .findFirst()
        .orElse(model.defaultType());
  }

  private static Optional<String> format(MediaType contentType) {
    return ACCEPTED.stream().filter(accepted -> accepted.equalsTypeAndSubtype(contentType)).findFirst().map(MediaType::getSubtype);
  }

  private static boolean matches(MediaType contentType, String family) {
    return format(contentType).map(subtype -> subtype.contains(family)).orElse(false);
  }

  private static boolean isBlank(byte[] body) {
    for (byte b : body) {
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return false;
      }
    }
    return true;
  }
}
