package dev.dbplane.replica.program;

import com.pulumi.Context;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import dev.dbplane.engine.Secret;
import dev.dbplane.pulumi.DigitalOceanProvider;
import dev.dbplane.pulumi.StackProgram;
import dev.dbplane.replica.ReplicaKind;
import dev.dbplane.replica.ReplicaSpec;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * The inline Pulumi program of one replica: an explicit DigitalOcean provider holding the token as a
 * secret, and the replica as the spec says. It exports only scalars, with the URIs and the password
 * as secrets, and keeps what it exports for the engine.
 */
final class ReplicaProgram implements StackProgram {

  /** The logical name stays fixed, so a resize is an update of the same resource. */
  static final String REPLICA_NAME = "database-replica";

  /** Each stack output ({@link ReplicaKind#OUTPUTS}) and the replica's property it is. */
  static final Map<String, String> EXPORTED_PROPERTIES = ReplicaKind.OUTPUTS.inOrder(Map.of(
      "id", "uuid", "host", "host", "port", "port", "uri", "uri", "private_uri", "privateUri",
      "database", "database", "user", "user", "password", "password"));

  private final ReplicaSpec spec;
  private final Secret token;
  private final @Nullable String apiEndpoint;
  private final AtomicReference<@Nullable Map<String, String>> outputs = new AtomicReference<>();

  ReplicaProgram(ReplicaSpec spec, Secret token, @Nullable String apiEndpoint) {
    this.spec = spec;
    this.token = token;
    this.apiEndpoint = apiEndpoint;
  }

  @Override
  public void accept(Context ctx) {
    DigitalOceanProvider provider = DigitalOceanProvider.explicit(token, apiEndpoint);
    DatabaseReplica replica =
        new DatabaseReplica(
            REPLICA_NAME,
            DatabaseReplicaArgs.of(spec),
            CustomResourceOptions.builder()
                .provider(provider)
                .version(DigitalOceanProvider.VERSION)
                .additionalSecretOutputs(DatabaseReplica.SECRET_OUTPUTS)
                .build());
    // The same names as EXPORTED_PROPERTIES, each from its property.
    ctx.export("id", replica.uuid());
    ctx.export("host", replica.host());
    ctx.export("port", replica.port());
    ctx.export("uri", replica.uri().asSecret());
    ctx.export("private_uri", replica.privateUri().asSecret());
    ctx.export("database", replica.database());
    ctx.export("user", replica.user());
    ctx.export("password", replica.password().asSecret());
    // Runs only once every value is known: never in a preview of a change, always in an update.
    Output.tuple(replica.uuid(), replica.host(), replica.port(), replica.uri(), replica.privateUri(), replica.database(),
            replica.user(), replica.password())
        .applyValue(known -> {
          outputs.set(ReplicaKind.OUTPUTS.inOrder(Map.of(
              "id", known.t1, "host", known.t2, "port", String.valueOf(known.t3), "uri", known.t4, "private_uri", known.t5,
              "database", known.t6, "user", known.t7, "password", known.t8)));
          return null;
        });
  }

  @Override
  public Optional<Map<String, String>> outputs() {
    return Optional.ofNullable(outputs.get());
  }
}
