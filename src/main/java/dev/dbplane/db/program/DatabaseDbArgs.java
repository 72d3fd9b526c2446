package dev.dbplane.db.program;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;
import dev.dbplane.db.DbSpec;

/**
 * Inputs of {@code digitalocean:index/databaseDb:DatabaseDb} (provider v4.76.0) that the program
 * sets. The names and types are proven against the provider's schema by a test.
 */
final class DatabaseDbArgs extends ResourceArgs {

  @Import(name = "clusterId", required = true)
  private final Output<String> clusterId;

  /** Always given: the provider would otherwise make one up from the logical name. */
  @Import(name = "name")
  private final Output<String> name;

  private DatabaseDbArgs(DbSpec spec) {
    this.clusterId = Output.of(spec.clusterId());
    this.name = Output.of(spec.name());
  }

  static DatabaseDbArgs of(DbSpec spec) {
    return new DatabaseDbArgs(spec);
  }
}
