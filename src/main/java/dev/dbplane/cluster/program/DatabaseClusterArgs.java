package dev.dbplane.cluster.program;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;
import dev.dbplane.cluster.ClusterSpec;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Inputs of {@code digitalocean:index/databaseCluster:DatabaseCluster} (provider v4.76.0) that the
 * program sets. The names and types are proven against the provider's schema by a test.
 */
final class DatabaseClusterArgs extends ResourceArgs {

  @Import(name = "name")
  private final Output<String> name;

  @Import(name = "engine", required = true)
  private final Output<String> engine;

  @Import(name = "version")
  private final Output<String> version;

  @Import(name = "size", required = true)
  private final Output<String> size;

  @Import(name = "region", required = true)
  private final Output<String> region;

  @Import(name = "nodeCount", required = true)
  private final Output<Integer> nodeCount;

  @Import(name = "privateNetworkUuid")
  private final @Nullable Output<String> privateNetworkUuid;

  /** MiB as a decimal string, as the provider expects it (not "10240Mib"). */
  @Import(name = "storageSizeMib")
  private final @Nullable Output<String> storageSizeMib;

  @Import(name = "tags")
  private final Output<List<String>> tags;

  private DatabaseClusterArgs(ClusterSpec spec) {
    this.name = Output.of(spec.clusterName());
    this.engine = Output.of(spec.engine());
    this.version = Output.of(spec.version());
    this.size = Output.of(spec.size());
    this.region = Output.of(spec.region());
    this.nodeCount = Output.of(spec.nodeCount());
    this.privateNetworkUuid = spec.privateNetworkUuid() == null ? null : Output.of(spec.privateNetworkUuid());
    this.storageSizeMib = spec.storageSizeMib() == null ? null : Output.of(spec.storageSizeMib());
    this.tags = Output.of(spec.tags());
  }

  static DatabaseClusterArgs of(ClusterSpec spec) {
    return new DatabaseClusterArgs(spec);
  }
}
