package dev.dbplane.user.program;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import java.util.List;

/**
 * A user of a DigitalOcean managed database cluster ({@code digitalocean:index/databaseUser:DatabaseUser}),
 * with the outputs the service exports. Changing its cluster or its name replaces it; its MySQL
 * authentication plugin changes in place. The provider's id is {@code <cluster id>/user/<name>}.
 */
final class DatabaseUser extends CustomResource {

  static final String TYPE = "digitalocean:index/databaseUser:DatabaseUser";

  /** The outputs the provider's schema marks secret. */
  static final List<String> SECRET_OUTPUTS = List.of("password", "accessCert", "accessKey");

  @Export(name = "name", refs = {String.class}, tree = "[0]")
  private Output<String> name;

  @Export(name = "role", refs = {String.class}, tree = "[0]")
  private Output<String> role;

  @Export(name = "password", refs = {String.class}, tree = "[0]")
  private Output<String> password;

  DatabaseUser(String name, DatabaseUserArgs args, CustomResourceOptions options) {
    super(TYPE, name, args, options);
  }

  Output<String> name() {
    return name;
  }

  Output<String> role() {
    return role;
  }

  Output<String> password() {
    return password;
  }
}
