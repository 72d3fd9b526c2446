package dev.dbplane.replica;

import dev.dbplane.engine.ResourceSpec;
import dev.dbplane.engine.SpecType;
import dev.dbplane.engine.StackName;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The normalised spec of a read-only replica that its program provisions, in DigitalOcean's terms.
 *
 * @param clusterId DigitalOcean's id of the replicated cluster; empty until the pipeline binds it,
 *     when the manifest names the cluster by reference
 * @param name the replica's name at DigitalOcean, unique within its cluster
 * @param region DigitalOcean's region slug
 * @param size DigitalOcean's node size slug
 * @param privateNetworkUuid the VPC's UUID, lower case; null for the region's default VPC
 * @param storageSizeMib storage in MiB as the provider expects it (a decimal string); null for the
 *     size's default
 * @param tags DigitalOcean tags, in a stable order
 * @param stack the Pulumi stack that holds this replica
 */
public record ReplicaSpec(
    String clusterId,
    String name,
    String region,
    String size,
    @Nullable String privateNetworkUuid,
    @Nullable String storageSizeMib,
    List<String> tags,
    StackName stack) implements ResourceSpec {

  public static final SpecType<ReplicaSpec> TYPE = new SpecType<>(ReplicaKind.NAME, ReplicaSpec.class);

  public ReplicaSpec {
    tags = List.copyOf(tags);
  }

  @Override
  public String kind() {
    return ReplicaKind.NAME;
  }

  @Override
  public String resourceName() {
    return name;
  }

  ReplicaSpec withClusterId(String id) {
    return new ReplicaSpec(id, name, region, size, privateNetworkUuid, storageSizeMib, tags, stack);
  }
}
