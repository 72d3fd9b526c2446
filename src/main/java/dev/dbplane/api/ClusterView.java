package dev.dbplane.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.dbplane.engine.Verification;
import dev.dbplane.resource.ManagedResource;
import dev.dbplane.resource.ResourceDetails;
import dev.dbplane.resource.ResourceOutputs;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A cluster as callers see it: the manifest as submitted, its state, its outputs with every secret
 * value redacted, its latest job, and whether it answered when last connected to after an UP.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ClusterView(
    UUID id,
    String name,
    String org,
    String env,
    String engine,
    String region,
    String stack,
    String state,
    @Nullable String sandbox,
    int specVersion,
    String etag,
    @JsonRawValue String manifest,
    @Nullable Map<String, String> outputs,
    @Nullable JobView lastJob,
    @Nullable Verification verification,
    List<String> allowedActions,
    @Nullable List<Inside> resources,
    String createdBy,
    Instant createdAt,
    Instant updatedAt) {

  /** @param sandbox what says that this cluster exists only in the sandbox, if it does */
  static ClusterView of(ResourceDetails details, @Nullable String sandbox) {
    ManagedResource c = details.resource();
    return new ClusterView(
        c.id(), c.name(), c.org(), c.env(), c.engine(), c.region(), c.stack().fullyQualified(), c.state().name(), sandbox,
        c.specVersion(), c.etag(), ManifestJson.of(c), details.outputs().map(ResourceOutputs::redacted).orElse(null),
        details.lastJob().map(JobView::of).orElse(null), details.verification().orElse(null), details.allowedActions(),
        details.inside().isEmpty() ? null : details.inside().stream().map(Inside::of).toList(), c.createdBy(), c.createdAt(), c.updatedAt());
  }

  /** A resource that lives in the cluster, and where to read it. */
  record Inside(String kind, UUID id, String name, String state, String href) {

    static Inside of(ManagedResource resource) {
      return new Inside(resource.kind(), resource.id(), resource.name(), resource.state().name(), ResourcePaths.of(resource));
    }
  }
}
