package dev.dbplane.pulumi;

import com.pulumi.Context;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import dev.dbplane.engine.ProvisioningSpec;
import dev.dbplane.engine.Secret;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The inline Pulumi program of one cluster: an explicit DigitalOcean provider holding the token as a
 * secret, and the database cluster as the spec says. It exports only scalars (the Automation API
 * reads outputs as strings), with the connection URI and the password as secrets.
 */
final class ClusterProgram implements Consumer<Context> {

  /** The provider version the bindings are written for; the engine installs this plugin. */
  static final String PROVIDER_VERSION = "4.76.0";

  /** Logical names stay fixed, so a rename is an update of the same resource, not a new one. */
  static final String PROVIDER_NAME = "digitalocean";
  static final String CLUSTER_NAME = "database-cluster";

  static final List<String> EXPORTS =
      List.of("cluster_id", "connection_uri", "host", "port", "database_user", "database_password");
  static final List<String> SECRET_EXPORTS = List.of("connection_uri", "database_password");

  private final ProvisioningSpec spec;
  private final Secret token;
  private final @Nullable String apiEndpoint;

  ClusterProgram(ProvisioningSpec spec, Secret token, @Nullable String apiEndpoint) {
    this.spec = spec;
    this.token = token;
    this.apiEndpoint = apiEndpoint;
  }

  @Override
  public void accept(Context ctx) {
    DigitalOceanProvider provider =
        new DigitalOceanProvider(
            PROVIDER_NAME,
            new DigitalOceanProviderArgs(Output.ofSecret(token.reveal()), apiEndpoint == null ? null : Output.of(apiEndpoint)),
            CustomResourceOptions.builder().version(PROVIDER_VERSION).build());
    DatabaseCluster cluster =
        new DatabaseCluster(
            CLUSTER_NAME,
            DatabaseClusterArgs.of(spec),
            CustomResourceOptions.builder()
                .provider(provider)
                .version(PROVIDER_VERSION)
                .additionalSecretOutputs(DatabaseCluster.SECRET_OUTPUTS)
                .build());
    ctx.export("cluster_id", cluster.id());
    ctx.export("connection_uri", cluster.uri().asSecret());
    ctx.export("host", cluster.host());
    ctx.export("port", cluster.port());
    ctx.export("database_user", cluster.user());
    ctx.export("database_password", cluster.password().asSecret());
  }
}
