package dev.dbplane.pulumi;

import com.pulumi.Context;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import dev.dbplane.engine.ProvisioningSpec;
import dev.dbplane.engine.Secret;
import dev.dbplane.engine.StackResult;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The inline Pulumi program of one cluster: an explicit DigitalOcean provider holding the token as a
 * secret, and the database cluster as the spec says. It exports only scalars, with the connection
 * URI and the password as secrets, and keeps what it exports for the engine: an update's outputs are
 * known to the program as the engine registers the cluster, so reading them costs no CLI run.
 */
final class ClusterProgram implements Consumer<Context> {

  /** The provider version the bindings are written for; the engine installs this plugin. */
  static final String PROVIDER_VERSION = "4.76.0";

  /** Logical names stay fixed, so a rename is an update of the same resource, not a new one. */
  static final String PROVIDER_NAME = "digitalocean";
  static final String CLUSTER_NAME = "database-cluster";

  /** Each stack output and the cluster's property it is; a refresh reads them from the cluster's state. */
  static final Map<String, String> EXPORTED_PROPERTIES = orderedMap(
      StackResult.CLUSTER_ID, "id", "connection_uri", "uri", "host", "host", "port", "port", "database_user", "user", "database_password", "password");
  static final List<String> EXPORTS = List.copyOf(EXPORTED_PROPERTIES.keySet());
  static final List<String> SECRET_EXPORTS = List.of("connection_uri", "database_password");

  private final ProvisioningSpec spec;
  private final Secret token;
  private final @Nullable String apiEndpoint;
  private final AtomicReference<@Nullable Map<String, String>> outputs = new AtomicReference<>();

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
    // The same names as EXPORTED_PROPERTIES, each from its property.
    ctx.export(StackResult.CLUSTER_ID, cluster.id());
    ctx.export("connection_uri", cluster.uri().asSecret());
    ctx.export("host", cluster.host());
    ctx.export("port", cluster.port());
    ctx.export("database_user", cluster.user());
    ctx.export("database_password", cluster.password().asSecret());
    // Runs only once every value is known: never in a preview of a change, always in an update.
    Output.tuple(cluster.id(), cluster.uri(), cluster.host(), cluster.port(), cluster.user(), cluster.password())
        .applyValue(known -> {
          outputs.set(orderedMap(
              StackResult.CLUSTER_ID, known.t1, "connection_uri", known.t2, "host", known.t3, "port", String.valueOf(known.t4),
              "database_user", known.t5, "database_password", known.t6));
          return null;
        });
  }

  /** The cluster's outputs as the last run of this program saw them, if it saw them all. */
  Optional<Map<String, String>> outputs() {
    return Optional.ofNullable(outputs.get());
  }

  private static Map<String, String> orderedMap(String... pairs) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return Collections.unmodifiableMap(map);
  }
}
