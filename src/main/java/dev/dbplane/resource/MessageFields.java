package dev.dbplane.resource;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;

/**
 * The fields every kind's messages share by name (a manifest's metadata and status, a stack input's
 * target and provider config), found through the descriptor since the kinds' messages share no type.
 */
final class MessageFields {

  private MessageFields() {}

  /**
   * @param shape what a message with that field is, for the error ("a resource manifest")
   * @throws IllegalArgumentException when the message has no such field: it is not of that shape
   */
  static FieldDescriptor required(Message message, String name, String shape) {
    FieldDescriptor field = message.getDescriptorForType().findFieldByName(name);
    if (field == null) {
      throw new IllegalArgumentException(message.getDescriptorForType().getFullName() + " is not " + shape + ": it has no " + name);
    }
    return field;
  }
}
