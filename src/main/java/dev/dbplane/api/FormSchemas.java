package dev.dbplane.api;

import com.google.protobuf.Descriptors.Descriptor;
import dev.dbplane.catalog.DatabaseOptions;
import dev.dbplane.catalog.EngineOptions;
import dev.dbplane.catalog.EngineVersion;
import dev.dbplane.cluster.ClusterKind;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseClusterSpec;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseEngine;

/**
 * A kind's manifest or stack input as a standalone JSON Schema (draft 2020-12), for a portal that
 * renders its form from it (Backstage, Port): the same schemas the OpenAPI document holds, made
 * from the protobuf descriptors with the model's bounds, their references pointing into the
 * document's own {@code $defs}. A cluster's spec also offers, per engine, the versions, sizes and
 * regions the catalog says DigitalOcean offers for it.
 */
final class FormSchemas {

  static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

  private static final String CLUSTER_SPEC = DigitalOceanDatabaseClusterSpec.getDescriptor().getName();

  private FormSchemas() {}

  /** The schema document of this message, as JSON. */
  static String of(Descriptor message, String id, DatabaseOptions offered) {
    Map<String, Schema<?>> defs = ModelSchemas.of(message);
    Optional.ofNullable(defs.get(CLUSTER_SPEC)).ifPresent(spec -> spec.setAllOf(offeredPerEngine(offered)));
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("$schema", DIALECT);
    document.put("$id", id);
    document.put("title", message.getName());
    document.put("$ref", "#/$defs/" + message.getName());
    document.put("$defs", defs);
    try {
      return Json31.mapper().writeValueAsString(document).replace("\"" + ModelSchemas.PREFIX, "\"#/$defs/");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("the schema of " + message.getFullName() + " cannot be written", e);
    }
  }

  /** For each engine (by each of its model names): if the spec names it, its version, size and region are among those offered. */
  private static List<Schema> offeredPerEngine(DatabaseOptions offered) {
    List<Schema> conditions = new ArrayList<>();
    for (DigitalOceanDatabaseEngine engine : DigitalOceanDatabaseEngine.values()) {
      Optional<EngineOptions> options = engine == DigitalOceanDatabaseEngine.UNRECOGNIZED ? Optional.empty()
          : ClusterKind.engineSlug(engine).flatMap(offered::engine);
      if (options.isEmpty()) {
        continue;
      }
      Schema<?> names = new ObjectSchema().addProperty("engine", new StringSchema()._enum(List.of(engine.name())));
      names.setRequired(List.of("engine"));
      ObjectSchema choices = new ObjectSchema();
      choices.addProperty("engineVersion", new StringSchema()._enum(options.get().versions().stream().map(EngineVersion::version).toList()));
      choices.addProperty("sizeSlug", new StringSchema()._enum(options.get().layouts().stream().flatMap(l -> l.sizes().stream()).distinct().toList()));
      choices.addProperty("region", new StringSchema()._enum(options.get().regions()));
      Schema<?> condition = new Schema<>();
      condition.setIf(names);
      condition.setThen(choices);
      conditions.add(condition);
    }
    return conditions;
  }
}
