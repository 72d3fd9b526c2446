package dev.dbplane.replica.program;

import com.pulumi.Context;
import com.pulumi.core.Output;
import dev.dbplane.engine.Secret;
import dev.dbplane.pulumi.ResourceProgram;
import dev.dbplane.replica.ReplicaKind;
import dev.dbplane.replica.ReplicaSpec;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The inline Pulumi program of one replica: an explicit DigitalOcean provider holding the token as a
 * secret, and the replica as the spec says. It exports only scalars, with the URIs and the password
 * as secrets, and keeps what it exports for the engine.
 */
final class ReplicaProgram extends ResourceProgram<ReplicaSpec> {

  /** The logical name stays fixed, so a resize is an update of the same resource. */
  static final String REPLICA_NAME = "database-replica";

  /** Each stack output ({@link ReplicaKind#OUTPUTS}) and the replica's property it is. */
  static final Map<String, String> EXPORTED_PROPERTIES = ReplicaKind.OUTPUTS.inOrder(Map.of(
      "id", "uuid", "host", "host", "port", "port", "uri", "uri", "private_uri", "privateUri",
      "database", "database", "user", "user", "password", "password"));

  ReplicaProgram(ReplicaSpec spec, Secret token, @Nullable String apiEndpoint) {
    super(spec, token, apiEndpoint);
  }

  @Override
  public void accept(Context ctx) {
    DatabaseReplica replica = new DatabaseReplica(REPLICA_NAME, DatabaseReplicaArgs.of(spec()), resourceOptions(DatabaseReplica.SECRET_OUTPUTS));
    // The same names as EXPORTED_PROPERTIES, each from its property.
    ctx.export("id", replica.uuid());
    ctx.export("host", replica.host());
    ctx.export("port", replica.port());
    ctx.export("uri", replica.uri().asSecret());
    ctx.export("private_uri", replica.privateUri().asSecret());
    ctx.export("database", replica.database());
    ctx.export("user", replica.user());
    ctx.export("password", replica.password().asSecret());
    Output.tuple(replica.uuid(), replica.host(), replica.port(), replica.uri(), replica.privateUri(), replica.database(),
            replica.user(), replica.password())
        .applyValue(known -> {
          keep(ReplicaKind.OUTPUTS.inOrder(Map.of(
              "id", known.t1, "host", known.t2, "port", String.valueOf(known.t3), "uri", known.t4, "private_uri", known.t5,
              "database", known.t6, "user", known.t7, "password", known.t8)));
          return null;
        });
  }
}
