package dev.dbplane.api;

import dev.dbplane.cluster.ClusterFilter;
import dev.dbplane.cluster.ClusterKind;
import dev.dbplane.cluster.ClusterSpec;
import dev.dbplane.config.DbplaneProperties;
import dev.dbplane.resource.ResourceDetails;
import dev.dbplane.resource.ResourceService;
import dev.dbplane.resource.ResourceServices;
import dev.dbplane.resource.Submission;
import dev.dbplane.security.Requesters;
import dev.dbplane.security.RequiresRole;
import dev.dbplane.security.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseCluster;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Clusters: create, read, update, preview, refresh, destroy. Every change is answered with a job. */
@RestController
@RequestMapping("/api/v1/database-clusters")
@Tag(name = "database-clusters")
class ClusterController {

  private static final String MANIFEST = "#/components/requestBodies/ClusterManifest";

  private final ResourceService<DigitalOceanDatabaseCluster, ClusterSpec> clusters;
  private final ManifestBodies bodies;
  private final @Nullable String sandboxNotice;

  ClusterController(ResourceServices services, ClusterKind clusterKind, ManifestBodies bodies, DbplaneProperties properties) {
    this.clusters = services.of(clusterKind);
    this.bodies = bodies;
    this.sandboxNotice = properties.pulumi().sandboxNotice().orElse(null);
  }

  private ClusterView view(ResourceDetails details) {
    return ClusterView.of(details, sandboxNotice);
  }

  @Operation(
      operationId = "createDatabaseCluster",
      summary = "Create a cluster",
      description = "Validates the manifest or stack input and queues an UP job. 202 with the job; follow Location.",
      requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(ref = MANIFEST),
      responses = {
        @ApiResponse(responseCode = "202", description = "Accepted; the job is queued",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = SubmissionView.class),
                examples = @ExampleObject(value = OpenApiExamples.SUBMISSION))),
        @ApiResponse(responseCode = "400", ref = ProblemDocs.MALFORMED_BODY),
        @ApiResponse(responseCode = "409", ref = ProblemDocs.CONFLICT),
        @ApiResponse(responseCode = "413", ref = ProblemDocs.BODY_TOO_LARGE),
        @ApiResponse(responseCode = "415", ref = ProblemDocs.UNSUPPORTED_MEDIA_TYPE),
        @ApiResponse(responseCode = "422", ref = ProblemDocs.INVALID_SPEC)
      })
  @RequiresRole(Role.OPERATOR)
  @PostMapping(consumes = {"application/json", "application/yaml", "application/x-yaml", "text/yaml", "application/x-protobuf", "application/protobuf"})
  ResponseEntity<SubmissionView> create(HttpServletRequest request) throws IOException {
    return accepted(clusters.create(bodies.read(request, clusters.kind()), Requesters.of(request)));
  }

  @Operation(operationId = "listDatabaseClusters", summary = "List clusters", description = "Paged, by name; filter by org, env and engine (pg, mysql, redis, valkey, mongodb).")
  @RequiresRole(Role.VIEWER)
  @GetMapping
  PageView<ClusterView> list(
      @RequestParam(required = false) @Nullable String org,
      @RequestParam(required = false) @Nullable String env,
      @RequestParam(required = false) @Nullable String engine,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "20") int size) {
    return PageView.of(clusters.list(ClusterFilter.of(org, env, engine), Paging.page(page), Paging.size(size)), this::view);
  }

  @Operation(operationId = "getDatabaseCluster", summary = "Read a cluster", description = "The manifest as submitted, state, outputs with secrets redacted, last job. ETag for updates.")
  @RequiresRole(Role.VIEWER)
  @GetMapping("/{id}")
  ResponseEntity<ClusterView> get(@PathVariable UUID id) {
    ClusterView view = view(clusters.get(id));
    return ResponseEntity.ok().eTag(view.etag()).body(view);
  }

  @Operation(
      operationId = "updateDatabaseCluster",
      summary = "Update a cluster's spec",
      description = "Resize, node count, storage growth, version upgrade: queues an UP job. Requires If-Match with the "
          + "cluster's ETag. A change that replaces the cluster (engine, name, VPC) needs confirmReplacement=true; one "
          + "DigitalOcean cannot make (shrink, downgrade) is refused.",
      requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(ref = MANIFEST),
      responses = {
        @ApiResponse(responseCode = "202", description = "Accepted; the job is queued"),
        @ApiResponse(responseCode = "400", ref = ProblemDocs.MALFORMED_BODY),
        @ApiResponse(responseCode = "409", ref = ProblemDocs.CONFLICT),
        @ApiResponse(responseCode = "412", ref = ProblemDocs.PRECONDITION_FAILED),
        @ApiResponse(responseCode = "413", ref = ProblemDocs.BODY_TOO_LARGE),
        @ApiResponse(responseCode = "415", ref = ProblemDocs.UNSUPPORTED_MEDIA_TYPE),
        @ApiResponse(responseCode = "422", ref = ProblemDocs.INVALID_SPEC),
        @ApiResponse(responseCode = "428", ref = ProblemDocs.PRECONDITION_REQUIRED)
      })
  @RequiresRole(Role.OPERATOR)
  @PutMapping(path = "/{id}", consumes = {"application/json", "application/yaml", "application/x-yaml", "text/yaml", "application/x-protobuf", "application/protobuf"})
  ResponseEntity<SubmissionView> update(
      @PathVariable UUID id,
      @Parameter(required = true, description = "the cluster's ETag as read (GET the cluster); without it the answer is 428")
      @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
      @RequestParam(defaultValue = "false") boolean confirmReplacement,
      HttpServletRequest request)
      throws IOException {
    return accepted(clusters.update(
        id, bodies.read(request, clusters.kind()), ResourceAnswers.entityTag(ifMatch), confirmReplacement, Requesters.of(request)));
  }

  @Operation(
      operationId = "previewDatabaseCluster",
      summary = "Preview a cluster",
      description = "Queues a PREVIEW job: what an UP would change. Without a body, of the current spec; with one, of "
          + "that proposed spec (which is not stored).",
      responses = {
        @ApiResponse(responseCode = "202", description = "Accepted; the job is queued"),
        @ApiResponse(responseCode = "400", ref = ProblemDocs.MALFORMED_BODY),
        @ApiResponse(responseCode = "409", ref = ProblemDocs.CONFLICT),
        @ApiResponse(responseCode = "413", ref = ProblemDocs.BODY_TOO_LARGE),
        @ApiResponse(responseCode = "415", ref = ProblemDocs.UNSUPPORTED_MEDIA_TYPE),
        @ApiResponse(responseCode = "422", ref = ProblemDocs.INVALID_SPEC)
      })
  @RequiresRole(Role.OPERATOR)
  @PostMapping("/{id}:preview")
  ResponseEntity<SubmissionView> preview(@PathVariable UUID id, HttpServletRequest request) throws IOException {
    return accepted(clusters.preview(id, bodies.readIfPresent(request, clusters.kind()), Requesters.of(request)));
  }

  @Operation(
      operationId = "refreshDatabaseCluster",
      summary = "Refresh a cluster (drift check)",
      description = "Queues a REFRESH job that compares the stack with DigitalOcean and reports what drifted.",
      responses = {@ApiResponse(responseCode = "202", description = "Accepted; the job is queued"), @ApiResponse(responseCode = "409", ref = ProblemDocs.CONFLICT)})
  @RequiresRole(Role.OPERATOR)
  @PostMapping("/{id}:refresh")
  ResponseEntity<SubmissionView> refresh(@PathVariable UUID id, HttpServletRequest request) {
    return accepted(clusters.refresh(id, Requesters.of(request)));
  }

  @Operation(
      operationId = "deleteDatabaseCluster",
      summary = "Destroy a cluster",
      description = "Queues a DESTROY job; confirm must be the cluster's name. The record goes once the destroy succeeded. A cluster "
          + "that databases, users, pools, firewalls or replicas managed here live in is refused (409 cluster-in-use, listing them) "
          + "unless withResources=true: the job then destroys them first, one at a time (pools before the users and databases they "
          + "use), each record going as its resource goes, then the cluster. If one fails, the job stops there: what went is gone, "
          + "the rest stays as it was.",
      responses = {
        @ApiResponse(responseCode = "202", description = "Accepted; the job is queued"),
        @ApiResponse(responseCode = "409", ref = ProblemDocs.CONFLICT),
        @ApiResponse(responseCode = "422", ref = ProblemDocs.DESTROY_NOT_CONFIRMED)
      })
  @RequiresRole(Role.OPERATOR)
  @DeleteMapping("/{id}")
  ResponseEntity<SubmissionView> destroy(
      @PathVariable UUID id,
      @Parameter(description = "the cluster's name, to confirm") @RequestParam(required = false) @Nullable String confirm,
      @Parameter(description = "destroy first, in the same job, what lives in the cluster") @RequestParam(defaultValue = "false")
      boolean withResources,
      HttpServletRequest request) {
    return accepted(clusters.destroy(id, confirm, withResources, Requesters.of(request)));
  }

  @Operation(
      operationId = "revealDatabaseCluster",
      summary = "Reveal a cluster's outputs",
      description = "The outputs with their secret values (connection URI, password). Needs the secrets-reader role; each reveal is audited.")
  @RequiresRole(Role.SECRETS_READER)
  @PostMapping("/{id}/outputs:reveal")
  Map<String, String> reveal(@PathVariable UUID id, HttpServletRequest request) {
    return new TreeMap<>(clusters.reveal(id, Requesters.of(request)).values());
  }

  private static ResponseEntity<SubmissionView> accepted(Submission submission) {
    return ResourceAnswers.accepted(submission, SubmissionView.of(submission));
  }
}
