package dev.dbplane.pool.program;

import com.pulumi.Context;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import dev.dbplane.engine.Secret;
import dev.dbplane.pool.PoolKind;
import dev.dbplane.pool.PoolSpec;
import dev.dbplane.pulumi.DigitalOceanProvider;
import dev.dbplane.pulumi.StackProgram;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * The inline Pulumi program of one connection pool: an explicit DigitalOcean provider holding the
 * token as a secret, and the pool in its cluster. It exports only scalars, with the URIs and the
 * password as secrets, and keeps what it exports for the engine.
 */
final class PoolProgram implements StackProgram {

  /** The logical name stays fixed, so the stack's one pool is always the same resource. */
  static final String POOL_NAME = "connection-pool";

  /** Each stack output ({@link PoolKind#OUTPUTS}) and the pool's property it is. */
  static final Map<String, String> EXPORTED_PROPERTIES = PoolKind.OUTPUTS.inOrder(Map.of(
      "id", "id", "name", "name", "host", "host", "port", "port", "uri", "uri", "private_uri", "privateUri", "password", "password"));

  private final PoolSpec spec;
  private final Secret token;
  private final @Nullable String apiEndpoint;
  private final AtomicReference<@Nullable Map<String, String>> outputs = new AtomicReference<>();

  PoolProgram(PoolSpec spec, Secret token, @Nullable String apiEndpoint) {
    this.spec = spec;
    this.token = token;
    this.apiEndpoint = apiEndpoint;
  }

  @Override
  public void accept(Context ctx) {
    DigitalOceanProvider provider = DigitalOceanProvider.explicit(token, apiEndpoint);
    DatabaseConnectionPool pool =
        new DatabaseConnectionPool(
            POOL_NAME,
            DatabaseConnectionPoolArgs.of(spec),
            CustomResourceOptions.builder()
                .provider(provider)
                .version(DigitalOceanProvider.VERSION)
                .additionalSecretOutputs(DatabaseConnectionPool.SECRET_OUTPUTS)
                .build());
    // The same names as EXPORTED_PROPERTIES, each from its property.
    ctx.export("id", pool.id());
    ctx.export("name", pool.name());
    ctx.export("host", pool.host());
    ctx.export("port", pool.port());
    ctx.export("uri", pool.uri().asSecret());
    ctx.export("private_uri", pool.privateUri().asSecret());
    ctx.export("password", pool.password().asSecret());
    // Runs only once every value is known: never in a preview of a change, always in an update.
    Output.tuple(pool.id(), pool.name(), pool.host(), pool.port(), pool.uri(), pool.privateUri(), pool.password())
        .applyValue(known -> {
          outputs.set(PoolKind.OUTPUTS.inOrder(Map.of(
              "id", known.t1, "name", known.t2, "host", known.t3, "port", String.valueOf(known.t4), "uri", known.t5,
              "private_uri", known.t6, "password", known.t7)));
          return null;
        });
  }

  @Override
  public Optional<Map<String, String>> outputs() {
    return Optional.ofNullable(outputs.get());
  }
}
