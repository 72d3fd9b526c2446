package dev.dbplane.pulumi;


import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A stack's state as {@code pulumi stack export} prints it: the stack's resource as DigitalOcean
 * last reported it, and the creates an interrupted run left pending. Held in memory only: an export
 * with its secrets shown has them in plain text.
 */
final class StackState {

  /** How the state marks a secret value; with secrets shown, its JSON is under "plaintext". */
  private static final String SECRET_SIGNATURE = "4dabf18193072939515e22adb298388d";

  private final JsonObject exported;

  private StackState(JsonObject exported) {
    this.exported = exported;
  }

  static StackState parse(String json) {
    return new StackState(JsonParser.parseString(json).getAsJsonObject());
  }

  /** The state as a self-managed backend keeps it: a checkpoint whose latest deployment it is. */
  static StackState ofCheckpoint(String json) {
    JsonObject checkpoint = object(JsonParser.parseString(json).getAsJsonObject(), "checkpoint");
    JsonObject exported = new JsonObject();
    exported.add("deployment", object(checkpoint, "latest"));
    return new StackState(exported);
  }

  /** A resource whose create was under way when its run was interrupted. */
  record PendingCreate(String urn, String type) {}

  /** The outputs of the stack's resource, named as the program exports them. */
  record ResourceOutputs(Map<String, String> values, Set<String> secrets) {}

  /** The resource of {@code kind}, if the stack holds one, with its outputs. */
  Optional<ResourceOutputs> resource(KindProgram<?> kind) {
    return resourceOf(kind.resourceType()).map(r -> {
      JsonObject properties = object(r, "outputs").deepCopy();
      // The id is the resource's, beside its outputs.
      if (r.has("id")) {
        properties.add("id", r.get("id"));
      }
      return outputs(properties, kind.exportedProperties());
    });
  }

  boolean holds(KindProgram<?> kind) {
    return resourceOf(kind.resourceType()).isPresent();
  }

  /** Nothing of it exists at DigitalOcean: no resource of the kind, and no create of one under way. */
  boolean managesNothing(KindProgram<?> kind) {
    return !holds(kind) && pendingCreates().isEmpty();
  }

  private Optional<JsonObject> resourceOf(String type) {
    for (JsonElement resource : array(deployment(), "resources")) {
      JsonObject r = resource.getAsJsonObject();
      if (type.equals(text(r, "type")) && !r.has("delete")) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  List<PendingCreate> pendingCreates() {
    List<PendingCreate> pending = new ArrayList<>();
    for (JsonElement element : array(deployment(), "pending_operations")) {
      JsonObject operation = element.getAsJsonObject();
      JsonObject resource = object(operation, "resource");
      String urn = text(resource, "urn");
      if ("creating".equals(text(operation, "type")) && urn != null) {
        pending.add(new PendingCreate(urn, String.valueOf(text(resource, "type"))));
      }
    }
    return pending;
  }

  /**
   * The same state with the pending create of {@code urn} completed as the resource {@code id}:
   * what {@code refresh --import-pending-creates} promises, done here since the CLI only marks the
   * operation, and the next update creates the resource again. A refresh then reads it whole.
   */
  String json() {
    return exported.toString();
  }

  String adopting(String urn, String id) {
    JsonObject copy = exported.deepCopy();
    JsonObject deployment = copy.getAsJsonObject("deployment");
    JsonArray remaining = new JsonArray();
    JsonArray resources = deployment.has("resources") ? deployment.getAsJsonArray("resources") : new JsonArray();
    for (JsonElement element : array(deployment, "pending_operations")) {
      JsonObject resource = object(element.getAsJsonObject(), "resource");
      if (urn.equals(text(resource, "urn")) && "creating".equals(text(element.getAsJsonObject(), "type"))) {
        resource.addProperty("id", id);
        if (!resource.has("outputs")) {
          resource.add("outputs", resource.has("inputs") ? resource.get("inputs").deepCopy() : new JsonObject());
        }
        resources.add(resource);
      } else {
        remaining.add(element);
      }
    }
    deployment.add("resources", resources);
    deployment.add("pending_operations", remaining);
    return copy.toString();
  }

  private JsonObject deployment() {
    return object(exported, "deployment");
  }

  private static ResourceOutputs outputs(JsonObject properties, Map<String, String> exportedProperties) {
    Map<String, String> values = new HashMap<>();
    Set<String> secrets = new HashSet<>();
    exportedProperties.forEach((export, property) -> {
      JsonElement value = properties.get(property);
      if (value == null || value.isJsonNull()) {
        return;
      }
      if (value.isJsonObject() && value.getAsJsonObject().has(SECRET_SIGNATURE)) {
        secrets.add(export);
        JsonElement plaintext = value.getAsJsonObject().get("plaintext");
        if (plaintext == null) {
          return; // exported without its secrets: the value is not known here
        }
        value = JsonParser.parseString(plaintext.getAsString());
      }
      if (value.isJsonPrimitive()) {
        values.put(export, value.getAsJsonPrimitive().getAsString());
      }
    });
    return new ResourceOutputs(values, secrets);
  }

  private static JsonArray array(JsonObject object, String member) {
    JsonElement value = object.get(member);
    return value != null && value.isJsonArray() ? value.getAsJsonArray() : new JsonArray();
  }

  private static JsonObject object(JsonObject object, String member) {
    JsonElement value = object.get(member);
    return value != null && value.isJsonObject() ? value.getAsJsonObject() : new JsonObject();
  }

  private static @Nullable String text(JsonObject object, String member) {
    JsonElement value = object.get(member);
    return value != null && value.isJsonPrimitive() ? value.getAsString() : null;
  }
}
