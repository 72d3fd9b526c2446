package dev.dbplane.pool.program;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;
import dev.dbplane.pool.PoolSpec;
import org.jspecify.annotations.Nullable;

/**
 * Inputs of {@code digitalocean:index/databaseConnectionPool:DatabaseConnectionPool} (provider
 * v4.76.0) that the program sets. The names and types are proven against the provider's schema by a
 * test.
 */
final class DatabaseConnectionPoolArgs extends ResourceArgs {

  @Import(name = "clusterId", required = true)
  private final Output<String> clusterId;

  /** Always given: the provider would otherwise make one up from the logical name. */
  @Import(name = "name")
  private final Output<String> name;

  @Import(name = "mode", required = true)
  private final Output<String> mode;

  @Import(name = "size", required = true)
  private final Output<Integer> size;

  @Import(name = "dbName", required = true)
  private final Output<String> dbName;

  /** Absent: each client connects as the user it gives. */
  @Import(name = "user")
  private final @Nullable Output<String> user;

  private DatabaseConnectionPoolArgs(PoolSpec spec) {
    this.clusterId = Output.of(spec.clusterId());
    this.name = Output.of(spec.name());
    this.mode = Output.of(spec.mode());
    this.size = Output.of(spec.size());
    this.dbName = Output.of(spec.dbName());
    this.user = spec.user() == null ? null : Output.of(spec.user());
  }

  static DatabaseConnectionPoolArgs of(PoolSpec spec) {
    return new DatabaseConnectionPoolArgs(spec);
  }
}
