package dev.dbplane.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.dbplane.resource.ManagedResource;
import dev.dbplane.resource.ResourceDetails;
import dev.dbplane.resource.ResourceOutputs;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A resource inside a cluster as callers see it: the manifest as submitted, the cluster it lives in,
 * its state, its outputs with every secret value redacted, and its latest job.
 *
 * @param clusterId the managed cluster it lives in; absent for one this service does not manage
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ResourceView(
    UUID id,
    String kind,
    String name,
    @Nullable UUID clusterId,
    String org,
    String env,
    @Nullable String engine,
    String stack,
    String state,
    @Nullable String sandbox,
    int specVersion,
    String etag,
    @Schema(implementation = Map.class, description = "the manifest as submitted, of the kind the view names") @JsonRawValue String manifest,
    @Nullable Map<String, String> outputs,
    @Nullable JobView lastJob,
    List<String> allowedActions,
    String createdBy,
    Instant createdAt,
    Instant updatedAt) {

  /** @param sandbox what says that this resource exists only in the sandbox, if it does */
  static ResourceView of(ResourceDetails details, @Nullable String sandbox) {
    ManagedResource r = details.resource();
    return new ResourceView(
        r.id(), r.kind(), r.name(), r.clusterId(), r.org(), r.env(), r.engine(), r.stack().fullyQualified(), r.state().name(), sandbox,
        r.specVersion(), r.etag(), ManifestJson.of(r), details.outputs().map(ResourceOutputs::redacted).orElse(null),
        details.lastJob().map(JobView::of).orElse(null), details.allowedActions(), r.createdBy(), r.createdAt(), r.updatedAt());
  }
}
