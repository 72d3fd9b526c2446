package dev.dbplane.intake;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Reads a binary protobuf body. The wire format does not say which message it holds, so the caller
 * may name it in the media type ({@code application/x-protobuf; messageType=<full name>}); without
 * it the body is read as each type of the model and the reading that fits best is kept ({@link
 * BodyModel}). Fields the model does not know are refused, as in JSON.
 */
final class ProtobufSource {

  private ProtobufSource() {}

  static Message read(byte[] body, @Nullable String messageType, BodyModel model) {
    Message message = messageType == null ? guess(body, model) : parse(body, named(messageType, model));
    List<IntakeProblem> unknown = new ArrayList<>();
    findUnknownFields(message, "", unknown);
    if (!unknown.isEmpty()) {
      throw new UnreadableRequestException(UnreadableRequestException.Kind.DOES_NOT_FIT_MODEL, unknown);
    }
    return message;
  }

  private static Message named(String messageType, BodyModel model) {
    List<String> names = model.types().stream().map(type -> type.getDescriptorForType().getFullName()).toList();
    int index = names.indexOf(messageType);
    if (index < 0) {
      String last = names.get(names.size() - 1);
      String choices = names.size() == 1 ? last : String.join(", ", names.subList(0, names.size() - 1)) + " or " + last;
      throw UnreadableRequestException.malformed(IntakeProblem.at(null, "messageType must be " + choices));
    }
    return model.types().get(index);
  }

  /**
   * Reads the body as each type and keeps the reading that fits better: more of the marks a real
   * request of that type has, then fewer unknown fields. A tie goes to the earlier type.
   */
  private static Message guess(byte[] body, BodyModel model) {
    Message best = null;
    int bestFit = Integer.MIN_VALUE;
    for (Message type : model.types()) {
      Optional<Message> reading = tryParse(body, type);
      if (reading.isPresent() && (best == null || fit(reading.get(), model) > bestFit)) {
        best = reading.get();
        bestFit = fit(best, model);
      }
    }
    return best != null ? best : parse(body, model.defaultType());
  }

  private static int fit(Message reading, BodyModel model) {
    List<IntakeProblem> unknown = new ArrayList<>();
    findUnknownFields(reading, "", unknown);
    return 10 * model.marks().applyAsInt(reading) - unknown.size();
  }

  private static Optional<Message> tryParse(byte[] body, Message type) {
    try {
      return Optional.of(type.getParserForType().parseFrom(body));
    } catch (InvalidProtocolBufferException e) {
      // Not a message of this type; perhaps of another.
      return Optional.empty();
    }
  }

  private static Message parse(byte[] body, Message type) {
    try {
      return type.getParserForType().parseFrom(body);
    } catch (InvalidProtocolBufferException e) {
      throw UnreadableRequestException.malformed(IntakeProblem.at(null, "malformed protobuf: " + e.getMessage()));
    }
  }

  private static void findUnknownFields(Message message, String path, List<IntakeProblem> problems) {
    for (Integer number : message.getUnknownFields().asMap().keySet()) {
      FieldDescriptor known = message.getDescriptorForType().findFieldByNumber(number);
      // protobuf-java keeps a known field sent with the wrong wire type among the unknown ones.
      problems.add(
          known == null
              ? IntakeProblem.at(
                  path.isEmpty() ? null : path,
                  "unknown field number " + number + " in " + message.getDescriptorForType().getName())
              : IntakeProblem.at(
                  path.isEmpty() ? known.getName() : path + "." + known.getName(),
                  "sent with the wrong wire type for a field of type " + known.getType().name().toLowerCase(java.util.Locale.ROOT)));
    }
    for (Map.Entry<FieldDescriptor, Object> entry : message.getAllFields().entrySet()) {
      FieldDescriptor field = entry.getKey();
      if (field.getJavaType() != FieldDescriptor.JavaType.MESSAGE || field.isMapField()) {
        continue;
      }
      String fieldPath = path.isEmpty() ? field.getName() : path + "." + field.getName();
      if (field.isRepeated()) {
        List<?> items = (List<?>) entry.getValue();
        for (int i = 0; i < items.size(); i++) {
          findUnknownFields((Message) items.get(i), fieldPath + "[" + i + "]", problems);
        }
      } else {
        findUnknownFields((Message) entry.getValue(), fieldPath, problems);
      }
    }
  }
}
