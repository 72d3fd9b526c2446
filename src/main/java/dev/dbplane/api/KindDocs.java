package dev.dbplane.api;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Internal;
import dev.dbplane.engine.KindRegistry;
import dev.dbplane.resource.AttachedKind;
import dev.dbplane.resource.ResourceKind;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.yaml.snakeyaml.Yaml;

/**
 * The operations of each kind that lives inside a cluster, documented from the kind: they share one
 * controller shape, so what differs (the manifest's schema and examples, the names of operations
 * and their summaries, the tag) is added here, where the kinds are known.
 */
final class KindDocs implements OpenApiCustomizer {

  /** Each operation of the shape by its method and the rest of its path, with its name and summary. */
  private static final Map<String, String[]> OPERATIONS = Map.of(
      "POST ", new String[] {"create", "Create a %s"},
      "GET ", new String[] {"list", "List %ss"},
      "GET /{id}", new String[] {"get", "Read a %s"},
      "PUT /{id}", new String[] {"update", "Update a %s"},
      "DELETE /{id}", new String[] {"delete", "Delete a %s"},
      "POST /{id}:preview", new String[] {"preview", "Preview a %s"},
      "POST /{id}:refresh", new String[] {"refresh", "Refresh a %s (drift check)"},
      "POST /{id}/outputs:reveal", new String[] {"reveal", "Reveal a %s's outputs"},
      "POST :validate", new String[] {"validate", "Validate a %s manifest or stack input"});

  private static final List<String> TAKE_A_MANIFEST = List.of("POST ", "PUT /{id}", "POST /{id}:preview", "POST :validate");

  private final List<ResourceKind<?, ?>> kinds;
  private final List<ResourceKind<?, ?>> everyKind;

  KindDocs(KindRegistry<ResourceKind<?, ?>> kinds) {
    this.everyKind = kinds.all().stream().sorted(Comparator.comparingInt(kind -> ResourcePaths.rank(kind.name()))).toList();
    this.kinds = everyKind.stream().filter(AttachedKind.class::isInstance).toList();
  }

  @Override
  public void customise(OpenAPI openApi) {
    int tagAt = 1;
    for (ResourceKind<?, ?> kind : kinds) {
      String collection = ResourcePaths.collectionOf(kind.name());
      String shortName = kind.name().replaceFirst("^DigitalOcean", "");
      Descriptor manifest = Internal.getDefaultInstance(kind.manifestType()).getDescriptorForType();
      Descriptor stackInput = Internal.getDefaultInstance(kind.stackInputType()).getDescriptorForType();
      ModelSchemas.submittable(manifest, stackInput).forEach(openApi.getComponents()::addSchemas);
      openApi.getComponents().addRequestBodies(shortName + "Manifest", manifestBody(kind, manifest, stackInput));
      String tag = collection.substring(collection.lastIndexOf('/') + 1);
      describeTag(openApi, tagAt++, tag,
          kind.name() + ": " + kind.noun() + "s inside a cluster. Every change answers 202 with a job; one job per cluster at a time.");
      openApi.getPaths().forEach((path, item) -> {
        if (path.startsWith(collection)) {
          item.readOperationsMap().forEach((method, operation) -> {
            // One controller validates every kind: each of its operations goes under its kind's tag.
            operation.setTags(List.of(tag));
            document(method.name() + " " + path.substring(collection.length()), operation, kind.noun(), shortName);
          });
        }
      });
    }
    nameFormSchemas(openApi);
  }

  /** One method serves every kind's form schema: each of its operations is named after its kind. */
  private void nameFormSchemas(OpenAPI openApi) {
    for (ResourceKind<?, ?> kind : everyKind) {
      PathItem item = openApi.getPaths().get(ResourcePaths.collectionOf(kind.name()) + ":schema");
      if (item != null && item.getGet() != null) {
        item.getGet().setOperationId("formSchema" + kind.name().replaceFirst("^DigitalOcean", ""));
      }
    }
  }

  /** The kind's tag, described, at this place among the tags: Swagger UI lists them in this order. */
  private static void describeTag(OpenAPI openApi, int at, String name, String description) {
    List<Tag> tags = new ArrayList<>(openApi.getTags() == null ? List.of() : openApi.getTags());
    tags.removeIf(tag -> tag.getName().equals(name));
    tags.add(Math.min(at, tags.size()), new Tag().name(name).description(description));
    openApi.setTags(tags);
  }

  private static void document(String key, Operation operation, String noun, String shortName) {
    String[] named = OPERATIONS.get(key);
    if (named == null) {
      return;
    }
    operation.setOperationId(named[0] + shortName + (key.equals("GET ") ? "s" : ""));
    operation.setSummary(named[1].formatted(noun));
    if (TAKE_A_MANIFEST.contains(key)) {
      operation.setRequestBody(new RequestBody().$ref("#/components/requestBodies/" + shortName + "Manifest"));
    }
  }

  /** Its manifest or stack input in any of the three formats, with the example in JSON and in YAML. */
  private static RequestBody manifestBody(ResourceKind<?, ?> kind, Descriptor manifest, Descriptor stackInput) {
    Schema<?> either = ModelSchemas.submissionRef(manifest);
    String yaml = KindExamples.YAML.get(kind.name());
    Example json = new Example().summary("a " + kind.noun() + " of the cluster with that id").value(new Yaml().load(yaml));
    return new RequestBody()
        .required(true)
        .description("A bare " + manifest.getName() + " manifest (its jobs act with the cluster's token, or the server's "
            + "default), or a " + stackInput.getName() + ": the manifest as `target` with `providerConfig` holding a token of its own.")
        .content(new Content()
            .addMediaType("application/json", new MediaType().schema(either).addExamples("manifest", json))
            .addMediaType("application/yaml", new MediaType().schema(either)
                .addExamples("manifest", new Example().summary(json.getSummary()).value(yaml)))
            .addMediaType("application/x-protobuf", new MediaType().schema(new StringSchema().format("binary").description(
                "A serialized " + manifest.getFullName() + ", or a serialized " + stackInput.getFullName()
                    + " named with the media type parameter messageType"))));
  }
}
