package dev.dbplane.replica.program;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;
import dev.dbplane.replica.ReplicaSpec;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Inputs of {@code digitalocean:index/databaseReplica:DatabaseReplica} (provider v4.76.0) that the
 * program sets. The names and types are proven against the provider's schema by a test.
 */
final class DatabaseReplicaArgs extends ResourceArgs {

  @Import(name = "clusterId", required = true)
  private final Output<String> clusterId;

  /** Always sent: left out, the provider would make up a name. */
  @Import(name = "name")
  private final Output<String> name;

  @Import(name = "region")
  private final Output<String> region;

  @Import(name = "size")
  private final Output<String> size;

  @Import(name = "privateNetworkUuid")
  private final @Nullable Output<String> privateNetworkUuid;

  /** MiB as a decimal string, as the provider expects it. */
  @Import(name = "storageSizeMib")
  private final @Nullable Output<String> storageSizeMib;

  @Import(name = "tags")
  private final Output<List<String>> tags;

  private DatabaseReplicaArgs(ReplicaSpec spec) {
    this.clusterId = Output.of(spec.clusterId());
    this.name = Output.of(spec.name());
    this.region = Output.of(spec.region());
    this.size = Output.of(spec.size());
    this.privateNetworkUuid = spec.privateNetworkUuid() == null ? null : Output.of(spec.privateNetworkUuid());
    this.storageSizeMib = spec.storageSizeMib() == null ? null : Output.of(spec.storageSizeMib());
    this.tags = Output.of(spec.tags());
  }

  static DatabaseReplicaArgs of(ReplicaSpec spec) {
    return new DatabaseReplicaArgs(spec);
  }
}
