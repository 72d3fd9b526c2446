package dev.dbplane.db;

import dev.dbplane.engine.ResourceSpec;
import dev.dbplane.engine.SpecType;
import dev.dbplane.engine.StackName;

/**
 * The normalised spec of a database that its program provisions.
 *
 * @param clusterId DigitalOcean's id of the cluster; "" until the pipeline binds a referenced cluster
 * @param name the database's name in the cluster
 * @param stack the Pulumi stack that holds this database
 */
public record DbSpec(String clusterId, String name, StackName stack) implements ResourceSpec {

  public static final SpecType<DbSpec> TYPE = new SpecType<>(DbKind.NAME, DbSpec.class);

  @Override
  public String kind() {
    return DbKind.NAME;
  }

  @Override
  public String resourceName() {
    return name;
  }
}
