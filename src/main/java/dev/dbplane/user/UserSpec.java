package dev.dbplane.user;

import dev.dbplane.engine.ResourceSpec;
import dev.dbplane.engine.SpecType;
import dev.dbplane.engine.StackName;
import org.jspecify.annotations.Nullable;

/**
 * The normalised spec of a user that its program provisions.
 *
 * @param clusterId DigitalOcean's id of the cluster; "" until the pipeline binds a referenced cluster
 * @param name the user's name in the cluster
 * @param mysqlAuthPlugin MySQL's name of the user's authentication plugin ({@code
 *     caching_sha2_password}, {@code mysql_native_password}); null for MySQL's default, and for the
 *     other engines
 * @param stack the Pulumi stack that holds this user
 */
public record UserSpec(String clusterId, String name, @Nullable String mysqlAuthPlugin, StackName stack) implements ResourceSpec {

  public static final SpecType<UserSpec> TYPE = new SpecType<>(UserKind.NAME, UserSpec.class);

  @Override
  public String kind() {
    return UserKind.NAME;
  }

  @Override
  public String resourceName() {
    return name;
  }
}
