package dev.dbplane.api;

import dev.dbplane.engine.KindRegistry;
import dev.dbplane.intake.RequestIntake;
import dev.dbplane.resource.ResourceKind;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.List;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseCluster;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseClusterStackInput;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;

@Configuration(proxyBeanMethods = false)
class ApiConfiguration {

  private static final String API_KEY = "apiKey";
  private static final String BEARER = "bearer";
  private static final String BARE_MANIFEST = "bare manifest";
  private static final String BARE_MANIFEST_SUMMARY = "A DigitalOceanDatabaseCluster; the token is the server's default";
  private static final String STACK_INPUT = "stack input";
  private static final String STACK_INPUT_SUMMARY = "The manifest as target, with the DigitalOcean token in providerConfig";

  @Bean
  RequestIntake requestIntake() {
    return new RequestIntake();
  }

  @Bean
  OpenAPI dbplaneOpenApi(ObjectProvider<JwtDecoder> jwtDecoder) {
    Components components =
        new Components()
            .addSecuritySchemes(API_KEY, new SecurityScheme().type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER)
                .name("X-API-Key").description("An API key, `dbp_<id>_<secret>`. Roles: viewer, operator, secrets-reader, admin."))
            .addSchemas(ProblemDocs.SCHEMA, ProblemDocs.schema())
            .addParameters(OperationDocs.IDEMPOTENCY_KEY, OperationDocs.idempotencyKey())
            .addRequestBodies("ClusterManifest", manifestBody());
    ModelSchemas.submittable(DigitalOceanDatabaseCluster.getDescriptor(), DigitalOceanDatabaseClusterStackInput.getDescriptor())
        .forEach(components::addSchemas);
    ProblemDocs.responses().forEach(components::addResponses);
    OpenAPI openApi = new OpenAPI()
        .servers(List.of(new Server().url("/").description("this service")))
        .addSecurityItem(new SecurityRequirement().addList(API_KEY))
        .info(
            new Info()
                .title("dbplane")
                .version("v1")
                .description(
                    "Control plane for DigitalOcean managed database clusters. Submit a "
                        + "DigitalOceanDatabaseCluster manifest (Project Planton resource model) as JSON, YAML "
                        + "or binary protobuf. Every error is an RFC 9457 problem+json."))
        // In the order an operator works: Swagger UI lists the tags as they come here.
        .addTagsItem(new Tag().name("database-clusters").description(
            "Validate a spec, then create, read, update, preview, refresh and destroy clusters. Every change answers 202 with a job."))
        .addTagsItem(new Tag().name("jobs").description(
            "Follow what a change does: poll a job, page or stream its events, cancel it."))
        .addTagsItem(new Tag().name("policies").description(
            "What each environment requires of its clusters (dbplane.policy.*), enforced or advised at validate, create and update."))
        .addTagsItem(new Tag().name("catalog").description(
            "What DigitalOcean offers: engines, versions with their end of life, regions and node layouts, which validation judges by."))
        .addTagsItem(new Tag().name("webhooks").description(
            "Callbacks per cluster: each state change of its jobs is POSTed, signed, to a portal."))
        .addTagsItem(new Tag().name("admin").description(
            "API keys, the audit log, re-encryption of stored secrets. Admins only."))
        .components(components);
    // Bearer tokens are taken only when an issuer is configured (SecurityConfiguration decides the same way).
    if (jwtDecoder.getIfAvailable() != null) {
      components.addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
          .description("An OAuth2 access token from the configured issuer, whose roles claim names its roles."));
      openApi.addSecurityItem(new SecurityRequirement().addList(BEARER));
    }
    return openApi;
  }

  /** A cluster's view writes its manifest raw, from its JSON text: its schema is the manifest's, not a string's. */
  @Bean
  OpenApiCustomizer clusterViewManifest() {
    return openApi -> openApi.getComponents().getSchemas().get("ClusterView").getProperties().put("manifest",
        new Schema<>().$ref(ModelSchemas.ref(DigitalOceanDatabaseCluster.getDescriptor())).description("the manifest as submitted"));
  }

  @Bean
  OperationDocs operationDocs() {
    return new OperationDocs();
  }

  @Bean
  KindDocs kindDocs(KindRegistry<ResourceKind<?, ?>> kinds) {
    return new KindDocs(kinds);
  }

  /**
   * A manifest or stack input in any of the three formats: the schema of both, made from the model,
   * and an example of each in JSON and in YAML.
   */
  private static RequestBody manifestBody() {
    Schema<?> either = ModelSchemas.submissionRef(DigitalOceanDatabaseCluster.getDescriptor());
    return new RequestBody()
        .required(true)
        .description("A bare DigitalOceanDatabaseCluster manifest (the DigitalOcean token is then the server's default, "
            + "`dbplane.digitalocean.default-token`), or a DigitalOceanDatabaseClusterStackInput: the manifest as `target` with "
            + "`providerConfig` holding the token, which is stored encrypted and never shown again. Field names in proto JSON "
            + "camelCase; snake_case is read too.")
        .content(
            new Content()
                .addMediaType("application/json", new MediaType().schema(either)
                    .addExamples(BARE_MANIFEST, new Example().summary(BARE_MANIFEST_SUMMARY).value(OpenApiExamples.MANIFEST_JSON_OBJECT))
                    .addExamples(STACK_INPUT, new Example().summary(STACK_INPUT_SUMMARY).value(OpenApiExamples.STACK_INPUT_JSON_OBJECT)))
                .addMediaType("application/yaml", new MediaType().schema(either)
                    .addExamples(BARE_MANIFEST, new Example().summary(BARE_MANIFEST_SUMMARY).value(OpenApiExamples.MANIFEST_YAML))
                    .addExamples(STACK_INPUT, new Example().summary(STACK_INPUT_SUMMARY).value(OpenApiExamples.STACK_INPUT_YAML)))
                .addMediaType(
                    "application/x-protobuf",
                    new MediaType()
                        .schema(
                            new StringSchema()
                                .format("binary")
                                .description(
                                    "A serialized " + DigitalOceanDatabaseCluster.getDescriptor().getFullName() + ", or a serialized "
                                        + "DigitalOceanDatabaseClusterStackInput named with the media type parameter, as in "
                                        + "`Content-Type: application/x-protobuf; messageType=" + DigitalOceanDatabaseClusterStackInput.getDescriptor().getFullName() + "`"))));
  }
}
