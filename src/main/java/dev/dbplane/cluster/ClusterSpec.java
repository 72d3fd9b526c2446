package dev.dbplane.cluster;

import dev.dbplane.engine.ResourceSpec;
import dev.dbplane.engine.SpecType;
import dev.dbplane.engine.StackName;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The normalised spec of a cluster that its program provisions: every value already in DigitalOcean's
 * terms.
 *
 * @param clusterName the cluster's name at DigitalOcean
 * @param engine DigitalOcean's engine slug ({@code pg}, {@code mysql}, {@code redis}, {@code valkey},
 *     {@code mongodb})
 * @param version the engine version
 * @param region DigitalOcean's region slug
 * @param size DigitalOcean's node size slug
 * @param nodeCount 1 to 3
 * @param privateNetworkUuid the VPC's UUID, lower case; null for none
 * @param storageSizeMib storage in MiB as the provider expects it (a decimal string); null for the
 *     size's default
 * @param tags DigitalOcean tags, in a stable order
 * @param publicConnectivity whether the caller asked for public connectivity
 * @param stack the Pulumi stack that holds this cluster
 */
public record ClusterSpec(
    String clusterName,
    String engine,
    String version,
    String region,
    String size,
    int nodeCount,
    @Nullable String privateNetworkUuid,
    @Nullable String storageSizeMib,
    List<String> tags,
    boolean publicConnectivity,
    StackName stack) implements ResourceSpec {

  public static final SpecType<ClusterSpec> TYPE = new SpecType<>(ClusterKind.NAME, ClusterSpec.class);

  @Override
  public String kind() {
    return ClusterKind.NAME;
  }

  @Override
  public String resourceName() {
    return clusterName;
  }
}
