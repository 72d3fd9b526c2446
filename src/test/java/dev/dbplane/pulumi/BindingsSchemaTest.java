package dev.dbplane.pulumi;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.pulumi.core.annotations.Export;
import com.pulumi.core.annotations.Import;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Proves the hand-written bindings against the DigitalOcean provider's own schema (v4.76.0): every
 * property name, its type, the required inputs and the secret outputs, so a typo never reaches a
 * user. The schema excerpt is kept in test resources; when the team's reference copy is beside the
 * repository, the two must be the same.
 */
class BindingsSchemaTest {

  private static final String RESOURCE = "pulumi/digitalocean-database-schema-v4.76.0.json";
  private static final Path REFERENCE = Path.of("..", "shared", "reference", "digitalocean-database-schema.json");

  private static JsonObject schema;
  private static JsonObject cluster;

  @BeforeAll
  static void readSchema() throws IOException {
    try (InputStream in = BindingsSchemaTest.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      schema = JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getAsJsonObject();
    }
    cluster = schema.getAsJsonObject("resources").getAsJsonObject(DatabaseCluster.TYPE);
  }

  @Test
  void theKeptSchemaIsTheTeamsReferenceCopy() throws IOException {
    if (Files.exists(REFERENCE)) {
      assertThat(JsonParser.parseString(Files.readString(REFERENCE))).isEqualTo(schema);
    }
    assertThat(schema.get("providerVersion").getAsString()).isEqualTo(ClusterProgram.PROVIDER_VERSION);
  }

  @Test
  void theResourceTypeTokenIsTheProvidersOwn() {
    assertThat(cluster).as(DatabaseCluster.TYPE).isNotNull();
    assertThat(schema.get("package").getAsString()).isEqualTo(DigitalOceanProvider.PACKAGE);
  }

  @Test
  void everyClusterInputExistsWithItsType() {
    JsonObject inputs = cluster.getAsJsonObject("inputProperties");
    for (Field field : imports(DatabaseClusterArgs.class)) {
      String name = field.getAnnotation(Import.class).name();
      assertThat(inputs.has(name)).as("input " + name).isTrue();
      assertThat(javaType(field.getGenericType())).as("type of input " + name).isEqualTo(schemaType(inputs.getAsJsonObject(name)));
    }
  }

  @Test
  void exactlyTheSchemasRequiredInputsAreRequiredAndSet() {
    Set<String> required = strings(cluster.getAsJsonArray("requiredInputs"));
    Set<String> markedRequired =
        imports(DatabaseClusterArgs.class).stream()
            .filter(f -> f.getAnnotation(Import.class).required())
            .map(f -> f.getAnnotation(Import.class).name())
            .collect(Collectors.toSet());
    assertThat(markedRequired).isEqualTo(required);
  }

  @Test
  void everyClusterOutputExistsWithItsType() {
    JsonObject properties = cluster.getAsJsonObject("properties");
    for (Field field : exports(DatabaseCluster.class)) {
      Export export = field.getAnnotation(Export.class);
      assertThat(properties.has(export.name())).as("output " + export.name()).isTrue();
      String type = javaType(field.getGenericType());
      assertThat(type).as("type of output " + export.name()).isEqualTo(schemaType(properties.getAsJsonObject(export.name())));
      assertThat(export.refs()[0].getSimpleName().toLowerCase()).as("refs of " + export.name()).isEqualTo(type.equals("integer") ? "integer" : "string");
    }
  }

  @Test
  void theSecretOutputsAreExactlyTheSchemasSecretProperties() {
    JsonObject properties = cluster.getAsJsonObject("properties");
    Set<String> secret =
        properties.entrySet().stream()
            .filter(e -> e.getValue().getAsJsonObject().has("secret") && e.getValue().getAsJsonObject().get("secret").getAsBoolean())
            .map(java.util.Map.Entry::getKey)
            .collect(Collectors.toSet());
    assertThat(new HashSet<>(DatabaseCluster.SECRET_OUTPUTS)).isEqualTo(secret);
  }

  @Test
  void everyProviderInputExistsAsAString() {
    JsonObject inputs = schema.getAsJsonObject("provider").getAsJsonObject("inputProperties");
    for (Field field : imports(DigitalOceanProviderArgs.class)) {
      String name = field.getAnnotation(Import.class).name();
      assertThat(inputs.has(name)).as("provider input " + name).isTrue();
      assertThat(schemaType(inputs.getAsJsonObject(name))).isEqualTo("string").isEqualTo(javaType(field.getGenericType()));
    }
  }

  private static List<Field> imports(Class<?> type) {
    return List.of(type.getDeclaredFields()).stream().filter(f -> f.isAnnotationPresent(Import.class)).toList();
  }

  private static List<Field> exports(Class<?> type) {
    return List.of(type.getDeclaredFields()).stream().filter(f -> f.isAnnotationPresent(Export.class)).toList();
  }

  /** The schema's name for the type inside a field's Output. */
  private static String javaType(Type generic) {
    Type inner = ((ParameterizedType) generic).getActualTypeArguments()[0];
    if (inner == String.class) {
      return "string";
    }
    if (inner == Integer.class) {
      return "integer";
    }
    if (inner instanceof ParameterizedType list && list.getRawType() == List.class) {
      return "array<" + javaType(new ParameterizedTypeOf(list.getActualTypeArguments()[0])) + ">";
    }
    throw new AssertionError("no schema type for " + inner);
  }

  private static String schemaType(JsonObject property) {
    String type = property.get("type").getAsString();
    return type.equals("array") ? "array<" + property.getAsJsonObject("items").get("type").getAsString() + ">" : type;
  }

  private static Set<String> strings(JsonArray array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonElement::getAsString).collect(Collectors.toSet());
  }

  /** Lets {@link #javaType} read the element type of a list as if it were an Output's. */
  private record ParameterizedTypeOf(Type argument) implements ParameterizedType {
    @Override
    public Type[] getActualTypeArguments() {
      return new Type[] {argument};
    }

    @Override
    public Type getRawType() {
      return Object.class;
    }

    @Override
    public Type getOwnerType() {
      return null;
    }
  }
}
