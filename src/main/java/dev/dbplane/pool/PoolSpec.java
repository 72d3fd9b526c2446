package dev.dbplane.pool;

import dev.dbplane.engine.ResourceSpec;
import dev.dbplane.engine.SpecType;
import dev.dbplane.engine.StackName;
import org.jspecify.annotations.Nullable;

/**
 * The normalised spec of a connection pool that its program provisions.
 *
 * @param clusterId DigitalOcean's id of the cluster; "" until the pipeline binds a referenced cluster
 * @param name the pool's name
 * @param mode PgBouncer's pool mode: {@code session}, {@code transaction} or {@code statement}
 * @param size the backend connections the pool holds
 * @param dbName the database the pool connects to
 * @param user the user the pool connects as; null for each client's own
 * @param stack the Pulumi stack that holds this pool
 */
public record PoolSpec(String clusterId, String name, String mode, int size, String dbName, @Nullable String user, StackName stack)
    implements ResourceSpec {

  public static final SpecType<PoolSpec> TYPE = new SpecType<>(PoolKind.NAME, PoolSpec.class);

  @Override
  public String kind() {
    return PoolKind.NAME;
  }

  @Override
  public String resourceName() {
    return name;
  }
}
