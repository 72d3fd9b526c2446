package dev.dbplane.pool.program;

import com.pulumi.Context;
import com.pulumi.core.Output;
import dev.dbplane.engine.Secret;
import dev.dbplane.pool.PoolKind;
import dev.dbplane.pool.PoolSpec;
import dev.dbplane.pulumi.ResourceProgram;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The inline Pulumi program of one connection pool: an explicit DigitalOcean provider holding the
 * token as a secret, and the pool in its cluster. It exports only scalars, with the URIs and the
 * password as secrets, and keeps what it exports for the engine.
 */
final class PoolProgram extends ResourceProgram<PoolSpec> {

  /** The logical name stays fixed, so the stack's one pool is always the same resource. */
  static final String POOL_NAME = "connection-pool";

  /** Each stack output ({@link PoolKind#OUTPUTS}) and the pool's property it is. */
  static final Map<String, String> EXPORTED_PROPERTIES = PoolKind.OUTPUTS.inOrder(Map.of(
      "id", "id", "name", "name", "host", "host", "port", "port", "uri", "uri", "private_uri", "privateUri", "password", "password"));

  PoolProgram(PoolSpec spec, Secret token, @Nullable String apiEndpoint) {
    super(spec, token, apiEndpoint);
  }

  @Override
  public void accept(Context ctx) {
    DatabaseConnectionPool pool = new DatabaseConnectionPool(POOL_NAME, DatabaseConnectionPoolArgs.of(spec()), resourceOptions(DatabaseConnectionPool.SECRET_OUTPUTS));
    // The same names as EXPORTED_PROPERTIES, each from its property.
    ctx.export("id", pool.id());
    ctx.export("name", pool.name());
    ctx.export("host", pool.host());
    ctx.export("port", pool.port());
    ctx.export("uri", pool.uri().asSecret());
    ctx.export("private_uri", pool.privateUri().asSecret());
    ctx.export("password", pool.password().asSecret());
    Output.tuple(pool.id(), pool.name(), pool.host(), pool.port(), pool.uri(), pool.privateUri(), pool.password())
        .applyValue(known -> {
          keep(PoolKind.OUTPUTS.inOrder(Map.of(
              "id", known.t1, "name", known.t2, "host", known.t3, "port", String.valueOf(known.t4), "uri", known.t5,
              "private_uri", known.t6, "password", known.t7)));
          return null;
        });
  }
}
