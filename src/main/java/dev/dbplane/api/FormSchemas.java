package dev.dbplane.api;

import com.google.protobuf.Descriptors.Descriptor;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.media.Schema;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A kind's manifest or stack input as a standalone JSON Schema (draft 2020-12), for a portal that
 * renders its form from it (Backstage, Port): the same schemas the OpenAPI document holds, made
 * from the protobuf descriptors with the model's bounds, their references pointing into the
 * document's own {@code $defs}.
 */
final class FormSchemas {

  static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

  private FormSchemas() {}

  /** The schema document of this message, as JSON. */
  static String of(Descriptor message, String id) {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("$schema", DIALECT);
    document.put("$id", id);
    document.put("title", message.getName());
    document.put("$ref", "#/$defs/" + message.getName());
    Map<String, Schema<?>> defs = ModelSchemas.of(message);
    document.put("$defs", defs);
    try {
      String json = Json31.mapper().writeValueAsString(document);
      return json.replace("\"" + ModelSchemas.PREFIX, "\"#/$defs/");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("the schema of " + message.getFullName() + " cannot be written", e);
    }
  }
}
