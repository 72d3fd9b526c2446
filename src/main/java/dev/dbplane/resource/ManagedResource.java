package dev.dbplane.resource;

import com.google.protobuf.Message;
import dev.dbplane.engine.StackName;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A resource of some kind under this service's management.
 *
 * @param kind the manifest's kind, such as {@code DigitalOceanDatabaseCluster}
 * @param name the name DigitalOcean knows it by
 * @param clusterId the managed cluster it lives in; null for a cluster
 * @param engine the engine of the cluster it is (or lives in), where that is known; lists filter by it
 * @param region where it runs, for kinds that have a region of their own
 * @param manifest the manifest as last submitted (never holds a token)
 * @param digitalOceanId DigitalOcean's id of the resource, once a job of it succeeded
 * @param specVersion 1 on creation, one more on each accepted update; the ETag of the resource
 */
public record ManagedResource(
    UUID id,
    String kind,
    String name,
    @Nullable UUID clusterId,
    String org,
    String env,
    @Nullable String engine,
    @Nullable String region,
    StackName stack,
    int specVersion,
    Message manifest,
    ResourceState state,
    @Nullable String digitalOceanId,
    String createdBy,
    Instant createdAt,
    Instant updatedAt) {

  /** The strong ETag of the resource's spec. */
  public String etag() {
    return "\"" + id + "-v" + specVersion + "\"";
  }

  /** The same resource with another spec, as an accepted update leaves it. */
  ManagedResource updated(String newName, Labels labels, Message newManifest, String newOrg, String newEnv, Instant at) {
    return new ManagedResource(id, kind, newName, clusterId, newOrg, newEnv, labels.engine(), labels.region(), stack, specVersion + 1,
        newManifest, state, digitalOceanId, createdBy, createdAt, at);
  }

  /**
   * What lists of resources are filtered by, beside org and env.
   *
   * @param engine DigitalOcean's engine slug
   */
  public record Labels(@Nullable String engine, @Nullable String region) {

    public static final Labels NONE = new Labels(null, null);
  }
}
