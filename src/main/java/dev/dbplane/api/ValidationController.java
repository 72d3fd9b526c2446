package dev.dbplane.api;

import dev.dbplane.cluster.ClusterKind;
import dev.dbplane.cluster.ClusterSpec;
import dev.dbplane.config.DbplaneProperties;
import com.google.protobuf.Message;
import dev.dbplane.engine.ResourceSpec;
import dev.dbplane.resource.AttachedKind;
import dev.dbplane.resource.ResourceKind;
import dev.dbplane.resource.ResourceRequest;
import dev.dbplane.resource.ResourceService;
import dev.dbplane.resource.ResourceServices;
import dev.dbplane.resource.ValidationOutcome;
import dev.dbplane.security.RequiresRole;
import dev.dbplane.security.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseCluster;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Judges a manifest or stack input without writing anything. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "database-clusters")
class ValidationController {

  private final ManifestBodies bodies;
  private final ResourceService<DigitalOceanDatabaseCluster, ClusterSpec> clusters;
  private final ResourceServices services;
  private final List<AttachedKind<?, ?>> kinds;
  private final DbplaneProperties properties;
  private final ValidationMetrics metrics;

  ValidationController(
      ManifestBodies bodies, ResourceServices services, ClusterKind clusterKind, List<AttachedKind<?, ?>> kinds, DbplaneProperties properties,
      ValidationMetrics metrics) {
    this.metrics = metrics;
    this.bodies = bodies;
    this.clusters = services.of(clusterKind);
    this.services = services;
    this.kinds = List.copyOf(kinds);
    this.properties = properties;
  }

  @Operation(
      operationId = "validateDatabaseCluster",
      summary = "Validate a cluster manifest or stack input",
      description =
          "Reads the body (JSON, YAML or binary protobuf), applies every rule of the model and of the "
              + "service, and answers with all violations, the advisory warnings, and the normalised spec "
              + "that would be provisioned. Writes nothing. A body that cannot be read is a 400 or 422 "
              + "problem; a readable but invalid spec is a 200 with valid=false.",
      requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(ref = "#/components/requestBodies/ClusterManifest"),
      responses = {
        @ApiResponse(responseCode = "200", description = "The request was judged; see valid",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ValidationReport.class),
                examples = {
                  @ExampleObject(name = "stack input", summary = "valid; the token is the request's", value = OpenApiExamples.REPORT_OF_STACK_INPUT),
                  @ExampleObject(name = "bare manifest", summary = "valid; on a server without a default token", value = OpenApiExamples.REPORT_WITHOUT_TOKEN),
                  @ExampleObject(name = "invalid", summary = "each field as the body spells it, with its line and column", value = OpenApiExamples.INVALID_REPORT)
                })),
        @ApiResponse(responseCode = "400", ref = ProblemDocs.MALFORMED_BODY),
        @ApiResponse(responseCode = "413", ref = ProblemDocs.BODY_TOO_LARGE),
        @ApiResponse(responseCode = "415", ref = ProblemDocs.UNSUPPORTED_MEDIA_TYPE),
        @ApiResponse(responseCode = "422", ref = ProblemDocs.DOES_NOT_FIT_MODEL)
      })
  @RequiresRole(Role.VIEWER)
  @PostMapping(
      path = "/database-clusters:validate",
      consumes = {"application/json", "application/yaml", "application/x-yaml", "text/yaml", "application/x-protobuf", "application/protobuf"},
      produces = MediaType.APPLICATION_JSON_VALUE)
  ValidationReport validate(HttpServletRequest request) throws IOException {
    ResourceRequest<DigitalOceanDatabaseCluster> clusterRequest = bodies.read(request, clusters.kind());
    ValidationOutcome<ClusterSpec> outcome = clusters.validate(clusterRequest);
    metrics.violated(outcome.violations());
    return ValidationReport.of(clusterRequest, ManifestBodies.fieldsOf(request), outcome,
        properties.digitalocean().hasDefaultToken() ? "server-default" : "none");
  }

  /** Documented per kind by {@link KindDocs}, as the kinds' other operations. */
  @Operation(
      description =
          "Judged as its create would be: the model's rules, the service's, and the checks against the cluster it names and what "
              + "already lives there (a pool's connections, a second firewall, a name taken in the cluster). Writes nothing. A "
              + "readable but invalid request is a 200 with valid=false; the normalised spec names the cluster's DigitalOcean id. "
              + "credentials.source is request, or cluster: the token the cluster keeps, else the server's default.",
      responses = {
        @ApiResponse(responseCode = "200", description = "The request was judged; see valid",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ValidationReport.class))),
        @ApiResponse(responseCode = "400", ref = ProblemDocs.MALFORMED_BODY),
        @ApiResponse(responseCode = "413", ref = ProblemDocs.BODY_TOO_LARGE),
        @ApiResponse(responseCode = "415", ref = ProblemDocs.UNSUPPORTED_MEDIA_TYPE),
        @ApiResponse(responseCode = "422", ref = ProblemDocs.DOES_NOT_FIT_MODEL)
      })
  @RequiresRole(Role.VIEWER)
  @PostMapping(
      path = {"/database-dbs:validate", "/database-users:validate", "/database-connection-pools:validate", "/database-firewalls:validate",
          "/database-replicas:validate"},
      consumes = {"application/json", "application/yaml", "application/x-yaml", "text/yaml", "application/x-protobuf", "application/protobuf"},
      produces = MediaType.APPLICATION_JSON_VALUE)
  ValidationReport validateInside(HttpServletRequest request) throws IOException {
    return validated(ResourcePaths.kindOf(request, ":validate", kinds), request);
  }

  private <M extends Message, S extends ResourceSpec> ValidationReport validated(ResourceKind<M, S> kind, HttpServletRequest request)
      throws IOException {
    ResourceRequest<M> judged = bodies.read(request, kind);
    ValidationOutcome<S> outcome = services.of(kind).validate(judged);
    metrics.violated(outcome.violations());
    return ValidationReport.of(judged, ManifestBodies.fieldsOf(request), outcome, "cluster");
  }
}
