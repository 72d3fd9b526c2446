package dev.dbplane.intake;

import com.google.protobuf.Message;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * The message types a request body may hold, and how to tell which one it holds. A JSON or YAML body
 * holds the type one of its top-level keys marks, or else the first type. A binary body cannot say:
 * its caller may name the type in the media type, or else each reading is judged by the marks of a
 * real request it bears, and the one with more, then with fewer unknown fields, is kept (the earlier
 * type on a tie).
 *
 * @param types the types, each as its default instance; the first is the one a body holds when
 *     nothing says otherwise
 * @param markingKeys top-level keys that only a body of one type has, with that type
 * @param marks how many marks of a real request a binary body read as a type bears
 */
public record BodyModel(List<Message> types, Map<String, Message> markingKeys, ToIntFunction<Message> marks) {

  public BodyModel {
    if (types.isEmpty()) {
      throw new IllegalArgumentException("a body model needs at least one message type");
    }
    types = List.copyOf(types);
    markingKeys = Map.copyOf(markingKeys);
  }

  Message defaultType() {
    return types.get(0);
  }
}
