package dev.dbplane.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ApiConfiguration {

  private static final String API_KEY = "apiKey";
  private static final String BEARER = "bearer";

  @Bean
  RequestIntake requestIntake() {
    return new RequestIntake();
  }

  @Bean
  OpenAPI dbplaneOpenApi() {
    return new OpenAPI()
        .servers(List.of(new Server().url("/").description("this service")))
        .addSecurityItem(new SecurityRequirement().addList(API_KEY))
        .addSecurityItem(new SecurityRequirement().addList(BEARER))
        .info(
            new Info()
                .title("dbplane")
                .version("v1")
                .description(
                    "Control plane for DigitalOcean managed database clusters. Submit a "
                        + "DigitalOceanDatabaseCluster manifest (Project Planton resource model) as JSON, YAML "
                        + "or binary protobuf. Every error is an RFC 9457 problem+json."))
        .components(
            new Components()
                .addSecuritySchemes(API_KEY, new SecurityScheme().type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER)
                    .name("X-API-Key").description("An API key, dbp_<id>_<secret>. Roles: viewer, operator, secrets-reader, admin."))
                .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                    .description("An OAuth2 access token from the configured issuer, whose roles claim names its roles."))
                .addSchemas("ProblemDetail", problemDetailSchema())
                .addResponses("MalformedBody", problemResponse("The body cannot be read: empty, malformed JSON/YAML/protobuf, YAML anchors or aliases"))
                .addResponses("DoesNotFitModel", problemResponse("The body is well-formed but does not fit the resource model: unknown fields, wrong types, unknown enum names"))
                .addResponses("BodyTooLarge", problemResponse("The body is larger than dbplane.intake.max-body-size"))
                .addResponses("UnsupportedMediaType", problemResponse("The Content-Type is not JSON, YAML or protobuf"))
                .addResponses("InvalidSpec", problemResponse("The spec breaks rules (every violation is listed), or a destroy was not confirmed; nothing was written"))
                .addResponses("Conflict", problemResponse("The cluster exists already, has a job in progress, or the change would replace it unconfirmed"))
                .addResponses("PreconditionFailed", problemResponse("If-Match does not match the cluster's current ETag"))
                .addResponses("PreconditionRequired", problemResponse("If-Match is missing"))
                .addRequestBodies("ClusterManifest", manifestBody()));
  }

  /** A manifest or stack input in any of the three formats, with an example of each. */
  private static RequestBody manifestBody() {
    return new RequestBody()
        .required(true)
        .description("A DigitalOceanDatabaseCluster manifest or a DigitalOceanDatabaseClusterStackInput (target + provider_config)")
        .content(
            new Content()
                .addMediaType("application/json", new MediaType().addExamples("manifest", new Example().value(OpenApiExamples.MANIFEST_JSON_OBJECT)))
                .addMediaType("application/yaml", new MediaType().schema(new StringSchema()).addExamples("manifest", new Example().value(OpenApiExamples.MANIFEST_YAML)))
                .addMediaType(
                    "application/x-protobuf",
                    new MediaType()
                        .schema(
                            new StringSchema()
                                .format("binary")
                                .description(
                                    "A serialized DigitalOceanDatabaseCluster, or a DigitalOceanDatabaseClusterStackInput named with the "
                                        + "media type parameter messageType="
                                        + ProtobufSource.STACK_INPUT_TYPE))));
  }

  /** RFC 9457 members plus this service's {@code violations}. */
  private static Schema<?> problemDetailSchema() {
    Schema<?> violation =
        new ObjectSchema()
            .addProperty("field", new StringSchema().description("path of the field as the caller wrote it"))
            .addProperty("message", new StringSchema())
            .addProperty("rule", new StringSchema().description("id of the broken rule, for validation failures"))
            .addProperty("line", new IntegerSchema().description("1-based line in the body, when known"))
            .addProperty("column", new IntegerSchema().description("1-based column in the body, when known"));
    return new ObjectSchema()
        .description("RFC 9457 problem details")
        .addProperty("type", new StringSchema().format("uri"))
        .addProperty("title", new StringSchema())
        .addProperty("status", new IntegerSchema())
        .addProperty("detail", new StringSchema())
        .addProperty("instance", new StringSchema().format("uri-reference"))
        .addProperty("violations", new ArraySchema().items(violation));
  }

  private static ApiResponse problemResponse(String description) {
    return new ApiResponse()
        .description(description)
        .content(
            new Content()
                .addMediaType(
                    org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    new MediaType()
                        .schema(new Schema<>().$ref("#/components/schemas/ProblemDetail"))
                        .addExamples("problem", new Example().value(OpenApiExamples.PROBLEM))));
  }
}
