package dev.dbplane.api;

import com.google.protobuf.Message;
import dev.dbplane.config.DbplaneProperties;
import dev.dbplane.engine.ResourceSpec;
import dev.dbplane.resource.ResourceFilter;
import dev.dbplane.resource.ResourceService;
import dev.dbplane.resource.Submission;
import dev.dbplane.security.Requesters;
import dev.dbplane.security.RequiresRole;
import dev.dbplane.security.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The endpoints of a kind that lives inside a cluster, the same for every such kind: create, list,
 * read, update, preview, refresh, delete, reveal. Every change is answered with a job, which waits
 * for no other job of the same cluster: a second is refused while one is active. Each kind's
 * controller says only where it is served.
 */
abstract class AttachedEndpoints<M extends Message, S extends ResourceSpec> {

  private static final String BODY_TYPES_NOTE = "Body: the manifest or its stack input, as JSON, YAML or binary protobuf.";

  private final ResourceService<M, S> service;
  private final ManifestBodies bodies;
  private final @Nullable String sandboxNotice;

  AttachedEndpoints(ResourceService<M, S> service, ManifestBodies bodies, DbplaneProperties properties) {
    this.service = service;
    this.bodies = bodies;
    this.sandboxNotice = properties.pulumi().sandboxNotice().orElse(null);
  }

  @Operation(
      summary = "Create",
      description = "Validates the manifest against the model, the service's rules and the cluster it names (spec.cluster: the "
          + "cluster's id here, its DigitalOcean id, or value_from.name of a managed cluster), then queues an UP job. "
          + BODY_TYPES_NOTE,
      responses = {
        @ApiResponse(responseCode = "202", description = "Accepted; the job is queued"),
        @ApiResponse(responseCode = "400", ref = ProblemDocs.MALFORMED_BODY),
        @ApiResponse(responseCode = "409", ref = ProblemDocs.CONFLICT),
        @ApiResponse(responseCode = "413", ref = ProblemDocs.BODY_TOO_LARGE),
        @ApiResponse(responseCode = "415", ref = ProblemDocs.UNSUPPORTED_MEDIA_TYPE),
        @ApiResponse(responseCode = "422", ref = ProblemDocs.INVALID_SPEC)
      })
  @RequiresRole(Role.OPERATOR)
  @PostMapping(consumes = {"application/json", "application/yaml", "application/x-yaml", "text/yaml", "application/x-protobuf", "application/protobuf"})
  ResponseEntity<ResourceSubmissionView> create(HttpServletRequest request) throws IOException {
    return accepted(service.create(bodies.read(request, service.kind()), Requesters.of(request)));
  }

  @Operation(summary = "List", description = "Paged, by name; filter by the managed cluster they live in, org and env.")
  @RequiresRole(Role.VIEWER)
  @GetMapping
  PageView<ResourceView> list(
      @RequestParam(required = false) @Nullable UUID clusterId,
      @RequestParam(required = false) @Nullable String org,
      @RequestParam(required = false) @Nullable String env,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "20") int size) {
    return PageView.of(service.list(new ResourceFilter(org, env, null, clusterId), Paging.page(page), Paging.size(size)),
        details -> ResourceView.of(details, sandboxNotice));
  }

  @Operation(summary = "Read", description = "The manifest as submitted, the cluster it lives in, state, outputs with secrets redacted, last job. ETag for updates.")
  @RequiresRole(Role.VIEWER)
  @GetMapping("/{id}")
  ResponseEntity<ResourceView> get(@PathVariable UUID id) {
    ResourceView view = ResourceView.of(service.get(id), sandboxNotice);
    return ResponseEntity.ok().eTag(view.etag()).body(view);
  }

  @Operation(
      summary = "Update",
      description = "Queues an UP job with the new spec. Requires If-Match with the ETag read. A change that replaces the resource "
          + "needs confirmReplacement=true; one DigitalOcean cannot make is refused. " + BODY_TYPES_NOTE,
      responses = {
        @ApiResponse(responseCode = "202", description = "Accepted; the job is queued"),
        @ApiResponse(responseCode = "409", ref = ProblemDocs.CONFLICT),
        @ApiResponse(responseCode = "412", ref = ProblemDocs.PRECONDITION_FAILED),
        @ApiResponse(responseCode = "422", ref = ProblemDocs.INVALID_SPEC),
        @ApiResponse(responseCode = "428", ref = ProblemDocs.PRECONDITION_REQUIRED)
      })
  @RequiresRole(Role.OPERATOR)
  @PutMapping(path = "/{id}", consumes = {"application/json", "application/yaml", "application/x-yaml", "text/yaml", "application/x-protobuf", "application/protobuf"})
  ResponseEntity<ResourceSubmissionView> update(
      @PathVariable UUID id,
      @Parameter(required = true, description = "the ETag as read; without it the answer is 428")
      @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
      @RequestParam(defaultValue = "false") boolean confirmReplacement,
      HttpServletRequest request)
      throws IOException {
    return accepted(service.update(
        id, bodies.read(request, service.kind()), ResourceAnswers.entityTag(ifMatch), confirmReplacement, Requesters.of(request)));
  }

  @Operation(summary = "Preview", description = "Queues a PREVIEW job: of the current spec, or of the spec in the body (not stored).")
  @RequiresRole(Role.OPERATOR)
  @PostMapping("/{id}:preview")
  ResponseEntity<ResourceSubmissionView> preview(@PathVariable UUID id, HttpServletRequest request) throws IOException {
    return accepted(service.preview(id, bodies.readIfPresent(request, service.kind()), Requesters.of(request)));
  }

  @Operation(summary = "Refresh (drift check)", description = "Queues a REFRESH job that compares the stack with DigitalOcean.")
  @RequiresRole(Role.OPERATOR)
  @PostMapping("/{id}:refresh")
  ResponseEntity<ResourceSubmissionView> refresh(@PathVariable UUID id, HttpServletRequest request) {
    return accepted(service.refresh(id, Requesters.of(request)));
  }

  @Operation(
      summary = "Delete",
      description = "Queues a DESTROY job; confirm must be the resource's name. The record goes once the destroy succeeded.",
      responses = {
        @ApiResponse(responseCode = "202", description = "Accepted; the job is queued"),
        @ApiResponse(responseCode = "409", ref = ProblemDocs.CONFLICT),
        @ApiResponse(responseCode = "422", ref = ProblemDocs.DESTROY_NOT_CONFIRMED)
      })
  @RequiresRole(Role.OPERATOR)
  @DeleteMapping("/{id}")
  ResponseEntity<ResourceSubmissionView> destroy(
      @PathVariable UUID id,
      @Parameter(description = "the resource's name, to confirm") @RequestParam(required = false) @Nullable String confirm,
      HttpServletRequest request) {
    return accepted(service.destroy(id, confirm, false, Requesters.of(request)));
  }

  @Operation(summary = "Reveal the outputs", description = "The outputs with their secret values. Needs the secrets-reader role; each reveal is audited.")
  @RequiresRole(Role.SECRETS_READER)
  @PostMapping("/{id}/outputs:reveal")
  Map<String, String> reveal(@PathVariable UUID id, HttpServletRequest request) {
    return new TreeMap<>(service.reveal(id, Requesters.of(request)).values());
  }

  static ResponseEntity<ResourceSubmissionView> accepted(Submission submission) {
    return ResourceAnswers.accepted(submission, ResourceSubmissionView.of(submission));
  }
}
