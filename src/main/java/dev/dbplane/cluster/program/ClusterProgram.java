package dev.dbplane.cluster.program;

import com.pulumi.Context;
import com.pulumi.core.Output;
import dev.dbplane.cluster.ClusterKind;
import dev.dbplane.cluster.ClusterSpec;
import dev.dbplane.engine.Secret;
import dev.dbplane.pulumi.ResourceProgram;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The inline Pulumi program of one cluster: an explicit DigitalOcean provider holding the token as a
 * secret, and the database cluster as the spec says. It exports only scalars, with the connection
 * URI and the password as secrets, and keeps what it exports for the engine.
 */
final class ClusterProgram extends ResourceProgram<ClusterSpec> {

  /** The logical name stays fixed, so a rename is an update of the same resource, not a new one. */
  static final String CLUSTER_NAME = "database-cluster";

  /** Each stack output ({@link ClusterKind#OUTPUTS}) and the cluster's property it is. */
  static final Map<String, String> EXPORTED_PROPERTIES = ClusterKind.OUTPUTS.inOrder(Map.of(
      "cluster_id", "id", "connection_uri", "uri", "host", "host", "port", "port", "database_user", "user", "database_password", "password"));

  ClusterProgram(ClusterSpec spec, Secret token, @Nullable String apiEndpoint) {
    super(spec, token, apiEndpoint);
  }

  @Override
  public void accept(Context ctx) {
    DatabaseCluster cluster = new DatabaseCluster(CLUSTER_NAME, DatabaseClusterArgs.of(spec()), resourceOptions(DatabaseCluster.SECRET_OUTPUTS));
    // The same names as EXPORTED_PROPERTIES, each from its property.
    ctx.export("cluster_id", cluster.id());
    ctx.export("connection_uri", cluster.uri().asSecret());
    ctx.export("host", cluster.host());
    ctx.export("port", cluster.port());
    ctx.export("database_user", cluster.user());
    ctx.export("database_password", cluster.password().asSecret());
    Output.tuple(cluster.id(), cluster.uri(), cluster.host(), cluster.port(), cluster.user(), cluster.password())
        .applyValue(known -> {
          keep(ClusterKind.OUTPUTS.inOrder(Map.of(
              "cluster_id", known.t1, "connection_uri", known.t2, "host", known.t3, "port", String.valueOf(known.t4),
              "database_user", known.t5, "database_password", known.t6)));
          return null;
        });
  }
}
