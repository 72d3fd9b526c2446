package dev.dbplane.api;

import build.buf.validate.FieldRules;
import build.buf.validate.ValidateProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.BooleanSchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.NumberSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * JSON schemas of the resource model's messages, made from their protobuf descriptors so that they
 * cannot drift from what the intake reads: fields by their proto JSON (camelCase) names, enums by
 * their value names, and the protovalidate rules a form can show (required, lengths, patterns,
 * constants, ranges). One schema per message, named by the message, referring to each other.
 */
final class ModelSchemas {

  static final String PREFIX = "#/components/schemas/";

  private final Map<String, Schema<?>> schemas = new LinkedHashMap<>();
  private final Map<String, Descriptor> messages = new HashMap<>();

  private ModelSchemas() {}

  /** The schemas of these messages and of every message they hold, by name. */
  static Map<String, Schema<?>> of(Descriptor... roots) {
    ModelSchemas walker = new ModelSchemas();
    for (Descriptor root : roots) {
      walker.message(root);
    }
    return walker.schemas;
  }

  static String ref(Descriptor message) {
    return PREFIX + message.getName();
  }

  /**
   * The schemas of a kind's manifest and stack input, as {@link #of}, and of what its create, update
   * and validate take: either of them, as one named schema ({@code DatabaseClusterSubmission}), so
   * that a client generated from the document has one type for it, not one per operation.
   */
  static Map<String, Schema<?>> submittable(Descriptor manifest, Descriptor stackInput) {
    Map<String, Schema<?>> schemas = of(manifest, stackInput);
    schemas.put(submissionName(manifest), new Schema<>()
        .description("A bare " + manifest.getName() + " manifest, or a " + stackInput.getName() + " with the manifest as target")
        .oneOf(List.of(new Schema<>().$ref(ref(manifest)), new Schema<>().$ref(ref(stackInput)))));
    return schemas;
  }

  /** A reference to the schema of what a create, update or validate of this manifest's kind takes. */
  static Schema<?> submissionRef(Descriptor manifest) {
    return new Schema<>().$ref(PREFIX + submissionName(manifest));
  }

  private static String submissionName(Descriptor manifest) {
    return manifest.getName().replaceFirst("^DigitalOcean", "") + "Submission";
  }

  private void message(Descriptor message) {
    Descriptor known = messages.putIfAbsent(message.getName(), message);
    if (known != null) {
      if (known != message) {
        throw new IllegalStateException("two messages are named " + message.getName() + ": " + known.getFullName() + " and " + message.getFullName());
      }
      return;
    }
    ObjectSchema schema = new ObjectSchema();
    schemas.put(message.getName(), schema);
    for (FieldDescriptor field : message.getFields()) {
      schema.addProperty(field.getJsonName(), field(field));
      if (rules(field).getRequired()) {
        schema.addRequiredItem(field.getJsonName());
      }
    }
    schema.setDescription(Stream.concat(
            Stream.of("The protobuf message " + message.getFullName() + "."),
            message.getRealOneofs().stream().map(ModelSchemas::oneOfNote))
        .collect(Collectors.joining(" ")));
  }

  private static String oneOfNote(OneofDescriptor oneof) {
    return "Give at most one of " + oneof.getFields().stream().map(FieldDescriptor::getJsonName).collect(Collectors.joining(", ")) + ".";
  }

  private Schema<?> field(FieldDescriptor field) {
    if (field.isMapField()) {
      FieldDescriptor value = field.getMessageType().findFieldByName("value");
      return new ObjectSchema().additionalProperties(single(value));
    }
    Schema<?> single = single(field);
    return field.isRepeated() ? new ArraySchema().items(single) : single;
  }

  private Schema<?> single(FieldDescriptor field) {
    FieldRules rules = rules(field);
    return switch (field.getJavaType()) {
      case MESSAGE -> {
        message(field.getMessageType());
        yield new Schema<>().$ref(ref(field.getMessageType()));
      }
      case ENUM -> {
        StringSchema names = new StringSchema();
        // The zero value means "not set" in proto3: never a choice to offer.
        field.getEnumType().getValues().stream()
            .filter(value -> value.getNumber() != 0)
            .map(EnumValueDescriptor::getName)
            .forEach(names::addEnumItem);
        yield names;
      }
      case STRING -> string(rules);
      case BYTE_STRING -> new StringSchema().format("byte");
      case BOOLEAN -> new BooleanSchema();
      case INT -> unsigned(field) ? unsigned(rules) : new IntegerSchema();
      // Proto JSON writes 64-bit integers as strings.
      case LONG -> new StringSchema().format("int64");
      case FLOAT, DOUBLE -> new NumberSchema();
    };
  }

  private static boolean unsigned(FieldDescriptor field) {
    return field.getType() == FieldDescriptor.Type.UINT32 || field.getType() == FieldDescriptor.Type.FIXED32;
  }

  private static Schema<?> string(FieldRules rules) {
    StringSchema schema = new StringSchema();
    if (!rules.hasString()) {
      return schema;
    }
    if (rules.getString().hasConst()) {
      schema.setEnum(List.of(rules.getString().getConst()));
    }
    if (rules.getString().hasMaxLen()) {
      schema.setMaxLength(Math.toIntExact(rules.getString().getMaxLen()));
    }
    if (rules.getString().hasPattern()) {
      schema.setPattern(rules.getString().getPattern());
    }
    return schema;
  }

  private static Schema<?> unsigned(FieldRules rules) {
    IntegerSchema schema = new IntegerSchema();
    schema.setFormat("int64");
    schema.setMinimum(BigDecimal.ZERO);
    if (rules.hasUint32() && rules.getUint32().hasGte()) {
      schema.setMinimum(BigDecimal.valueOf(Integer.toUnsignedLong(rules.getUint32().getGte())));
    }
    if (rules.hasUint32() && rules.getUint32().hasLte()) {
      schema.setMaximum(BigDecimal.valueOf(Integer.toUnsignedLong(rules.getUint32().getLte())));
    }
    return schema;
  }

  private static FieldRules rules(FieldDescriptor field) {
    return field.getOptions().getExtension(ValidateProto.field);
  }
}
