package dev.dbplane.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
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
 * value redacted, and its latest job.
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
    List<String> allowedActions,
    String createdBy,
    Instant createdAt,
    Instant updatedAt) {

  private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();

  /** @param sandbox what says that this cluster exists only in the sandbox, if it does */
  static ClusterView of(ResourceDetails details, @Nullable String sandbox) {
    ManagedResource c = details.resource();
    return new ClusterView(
        c.id(), c.name(), c.org(), c.env(), c.engine(), c.region(), c.stack().fullyQualified(), c.state().name(), sandbox,
        c.specVersion(), c.etag(), json(c), details.outputs().map(ResourceOutputs::redacted).orElse(null),
        details.lastJob().map(JobView::of).orElse(null), details.allowedActions(), c.createdBy(), c.createdAt(), c.updatedAt());
  }

  private static String json(ManagedResource cluster) {
    try {
      return PRINTER.print(cluster.manifest());
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("the manifest of cluster " + cluster.id() + " cannot be printed", e);
    }
  }
}
