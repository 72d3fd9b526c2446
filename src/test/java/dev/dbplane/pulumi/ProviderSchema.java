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
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * The DigitalOcean provider's own schema (v4.76.0), against which every kind's hand-written bindings
 * are proven: every property name, its type, the required inputs and the secret outputs, so a typo
 * never reaches a user. The schema excerpt is kept in test resources.
 */
public final class ProviderSchema {

  private static final String RESOURCE = "pulumi/digitalocean-database-schema-v4.76.0.json";
  private static final String ARGS_SUFFIX = "Args";

  private final JsonObject schema;

  private ProviderSchema(JsonObject schema) {
    this.schema = schema;
  }

  public static ProviderSchema load() throws IOException {
    try (InputStream in = ProviderSchema.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      return new ProviderSchema(JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getAsJsonObject());
    }
  }

  JsonObject json() {
    return schema;
  }

  /** The schema of the resource {@code type}, which must be the provider's. */
  public JsonObject resource(String type) {
    JsonObject resource = schema.getAsJsonObject("resources").getAsJsonObject(type);
    assertThat(resource).as(type).isNotNull();
    return resource;
  }

  /** The schema of the provider's object type {@code token}, such as a rule of a firewall. */
  public JsonObject type(String token) {
    JsonObject type = schema.getAsJsonObject("types").getAsJsonObject(token);
    assertThat(type).as(token).isNotNull();
    return type;
  }

  /** Exactly the object type's required properties are marked required in its arguments class. */
  public static void assertRequiredProperties(JsonObject type, Class<?> args) {
    assertThat(requiredImports(args)).isEqualTo(strings(type.getAsJsonArray("required")));
  }

  /**
   * Every input the arguments class imports exists in the schema with its type. An object type
   * {@code X} is bound by a class named {@code XArgs}, as Pulumi's generated SDKs name them; its own
   * properties are proven on their own ({@link #type}).
   */
  public static void assertInputs(JsonObject inputs, Class<?> args) {
    for (Field field : imports(args)) {
      String name = field.getAnnotation(Import.class).name();
      assertThat(inputs.has(name)).as("input " + name).isTrue();
      assertThat(javaType(field.getGenericType())).as("type of input " + name).isEqualTo(schemaType(inputs.getAsJsonObject(name)));
    }
  }

  /** Exactly the schema's required inputs are marked required in the arguments class. */
  public static void assertRequiredInputs(JsonObject resource, Class<?> args) {
    assertThat(requiredImports(args)).isEqualTo(strings(resource.getAsJsonArray("requiredInputs")));
  }

  private static Set<String> requiredImports(Class<?> args) {
    return imports(args).stream()
        .filter(f -> f.getAnnotation(Import.class).required())
        .map(f -> f.getAnnotation(Import.class).name())
        .collect(Collectors.toSet());
  }

  /** Every output the resource class exports exists in the schema with its type. */
  public static void assertOutputs(JsonObject resource, Class<?> type) {
    JsonObject properties = resource.getAsJsonObject("properties");
    for (Field field : exports(type)) {
      Export export = field.getAnnotation(Export.class);
      assertThat(properties.has(export.name())).as("output " + export.name()).isTrue();
      String javaType = javaType(field.getGenericType());
      assertThat(javaType).as("type of output " + export.name()).isEqualTo(schemaType(properties.getAsJsonObject(export.name())));
      assertThat(export.refs()[0].getSimpleName().toLowerCase()).as("refs of " + export.name())
          .isEqualTo(javaType.equals("integer") ? "integer" : "string");
    }
  }

  /** The properties the schema marks secret. */
  public static Set<String> secretProperties(JsonObject resource) {
    return resource.getAsJsonObject("properties").entrySet().stream()
        .filter(e -> e.getValue().getAsJsonObject().has("secret") && e.getValue().getAsJsonObject().get("secret").getAsBoolean())
        .map(java.util.Map.Entry::getKey)
        .collect(Collectors.toSet());
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
    if (inner instanceof Class<?> args && args.getSimpleName().endsWith(ARGS_SUFFIX)) {
      String name = args.getSimpleName();
      return "object " + name.substring(0, name.length() - ARGS_SUFFIX.length());
    }
    throw new AssertionError("no schema type for " + inner);
  }

  private static String schemaType(JsonObject property) {
    if (property.has("$ref")) {
      // "#/types/digitalocean:index/DatabaseFirewallRule:DatabaseFirewallRule": the name after the last ':'
      String ref = property.get("$ref").getAsString();
      return "object " + ref.substring(ref.lastIndexOf(':') + 1);
    }
    String type = property.get("type").getAsString();
    return type.equals("array") ? "array<" + schemaType(property.getAsJsonObject("items")) + ">" : type;
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
