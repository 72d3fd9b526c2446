package dev.dbplane.user.program;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;
import dev.dbplane.user.UserSpec;
import org.jspecify.annotations.Nullable;

/**
 * Inputs of {@code digitalocean:index/databaseUser:DatabaseUser} (provider v4.76.0) that the program
 * sets. The names and types are proven against the provider's schema by a test.
 */
final class DatabaseUserArgs extends ResourceArgs {

  @Import(name = "clusterId", required = true)
  private final Output<String> clusterId;

  /** Always given: the provider would otherwise make one up from the logical name. */
  @Import(name = "name")
  private final Output<String> name;

  /** MySQL's name of the plugin (caching_sha2_password), as DigitalOcean takes it; absent for the default. */
  @Import(name = "mysqlAuthPlugin")
  private final @Nullable Output<String> mysqlAuthPlugin;

  private DatabaseUserArgs(UserSpec spec) {
    this.clusterId = Output.of(spec.clusterId());
    this.name = Output.of(spec.name());
    this.mysqlAuthPlugin = spec.mysqlAuthPlugin() == null ? null : Output.of(spec.mysqlAuthPlugin());
  }

  static DatabaseUserArgs of(UserSpec spec) {
    return new DatabaseUserArgs(spec);
  }
}
