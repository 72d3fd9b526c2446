package dev.dbplane.cluster;

import dev.dbplane.engine.StackName;
import java.time.Instant;
import java.util.UUID;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseCluster;

/**
 * A cluster under this service's management.
 *
 * @param manifest the manifest as last submitted (never holds a token)
 * @param specVersion 1 on creation, one more on each accepted update; the ETag of the cluster
 */
public record Cluster(
    UUID id,
    String name,
    String org,
    String env,
    String engine,
    String region,
    StackName stack,
    int specVersion,
    DigitalOceanDatabaseCluster manifest,
    ClusterState state,
    String createdBy,
    Instant createdAt,
    Instant updatedAt) {

  /** The strong ETag of the cluster's spec. */
  public String etag() {
    return "\"" + id + "-v" + specVersion + "\"";
  }
}
