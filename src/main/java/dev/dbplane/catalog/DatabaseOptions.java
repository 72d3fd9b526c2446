package dev.dbplane.catalog;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * DigitalOcean's answer to {@code GET /v2/databases/options}, read into one list of engines: its
 * {@code options.<engine>} (regions, versions, layouts) joined with its {@code
 * version_availability.<engine>} (each version's end of life and of availability).
 */
public record DatabaseOptions(List<EngineOptions> engines) {

  /** Where the snapshot built into the service lies on the classpath. */
  static final String SNAPSHOT = "/catalog/database-options.json";

  public DatabaseOptions {
    engines = List.copyOf(engines);
  }

  public Optional<EngineOptions> engine(String slug) {
    return engines.stream().filter(e -> e.engine().equals(slug)).findFirst();
  }

  /** The snapshot built into the service. */
  public static DatabaseOptions snapshot() {
    try (InputStream in = DatabaseOptions.class.getResourceAsStream(SNAPSHOT)) {
      if (in == null) {
        throw new IllegalStateException("the catalog's snapshot " + SNAPSHOT + " is not on the classpath");
      }
      return parse(JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getAsJsonObject());
    } catch (IOException e) {
      throw new UncheckedIOException("the catalog's snapshot " + SNAPSHOT + " cannot be read", e);
    }
  }

  /**
   * Reads DigitalOcean's answer. A version is offered when {@code options} lists it; its dates come
   * from {@code version_availability}, when that names it.
   *
   * @throws IllegalArgumentException when the answer is not shaped as DigitalOcean's
   */
  public static DatabaseOptions parse(JsonObject answer) {
    try {
      JsonObject options = answer.getAsJsonObject("options");
      if (options == null) {
        throw new IllegalArgumentException("the answer has no options");
      }
      JsonObject availability = answer.has("version_availability") ? answer.getAsJsonObject("version_availability") : new JsonObject();
      List<EngineOptions> engines = new ArrayList<>();
      for (Map.Entry<String, JsonElement> engine : options.entrySet()) {
        engines.add(engine(engine.getKey(), engine.getValue().getAsJsonObject(), availability.getAsJsonArray(engine.getKey())));
      }
      return new DatabaseOptions(engines);
    } catch (ClassCastException | IllegalStateException | UnsupportedOperationException | java.time.DateTimeException e) {
      throw new IllegalArgumentException("the answer is not shaped as DigitalOcean's options (" + e.getClass().getSimpleName() + ")", e);
    }
  }

  private static EngineOptions engine(String slug, JsonObject options, @Nullable JsonArray availability) {
    List<EngineVersion> versions = new ArrayList<>();
    for (String version : strings(options.getAsJsonArray("versions"))) {
      Optional<JsonObject> dates = find(availability, version);
      versions.add(new EngineVersion(version, dates.map(d -> instant(d.get("end_of_life"))).orElse(null),
          dates.map(d -> instant(d.get("end_of_availability"))).orElse(null)));
    }
    List<NodeLayout> layouts = new ArrayList<>();
    JsonArray layoutArray = options.getAsJsonArray("layouts");
    if (layoutArray != null) {
      for (JsonElement layout : layoutArray) {
        JsonObject object = layout.getAsJsonObject();
        layouts.add(new NodeLayout(object.get("num_nodes").getAsInt(), strings(object.getAsJsonArray("sizes"))));
      }
    }
    return new EngineOptions(slug, versions, strings(options.getAsJsonArray("regions")), layouts);
  }

  private static Optional<JsonObject> find(@Nullable JsonArray availability, String version) {
    if (availability == null) {
      return Optional.empty();
    }
    for (JsonElement entry : availability) {
      JsonObject object = entry.getAsJsonObject();
      if (object.has("version") && version.equals(object.get("version").getAsString())) {
        return Optional.of(object);
      }
    }
    return Optional.empty();
  }

  private static List<String> strings(@Nullable JsonArray array) {
    List<String> out = new ArrayList<>();
    if (array != null) {
      array.forEach(e -> out.add(e.getAsString()));
    }
    return out;
  }

  /** An RFC 3339 time, or a bare date (taken at midnight UTC); null for none. */
  private static @Nullable Instant instant(@Nullable JsonElement value) {
    if (value == null || value.isJsonNull() || value.getAsString().isBlank()) {
      return null;
    }
    String text = value.getAsString();
    return text.length() == "yyyy-mm-dd".length()
        ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
        : OffsetDateTime.parse(text).toInstant();
  }
}
