package dev.dbplane.pool.program;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import java.util.List;

/**
 * A PgBouncer connection pool of a DigitalOcean managed PostgreSQL cluster
 * ({@code digitalocean:index/databaseConnectionPool:DatabaseConnectionPool}), with the outputs the
 * service exports. Changing any of its inputs replaces it. The provider's id is
 * {@code <cluster id>/<name>}.
 */
final class DatabaseConnectionPool extends CustomResource {

  static final String TYPE = "digitalocean:index/databaseConnectionPool:DatabaseConnectionPool";

  /** The outputs the provider's schema marks secret. */
  static final List<String> SECRET_OUTPUTS = List.of("password", "uri", "privateUri");

  @Export(name = "name", refs = {String.class}, tree = "[0]")
  private Output<String> name;

  @Export(name = "host", refs = {String.class}, tree = "[0]")
  private Output<String> host;

  @Export(name = "port", refs = {Integer.class}, tree = "[0]")
  private Output<Integer> port;

  @Export(name = "uri", refs = {String.class}, tree = "[0]")
  private Output<String> uri;

  @Export(name = "privateUri", refs = {String.class}, tree = "[0]")
  private Output<String> privateUri;

  @Export(name = "password", refs = {String.class}, tree = "[0]")
  private Output<String> password;

  DatabaseConnectionPool(String name, DatabaseConnectionPoolArgs args, CustomResourceOptions options) {
    super(TYPE, name, args, options);
  }

  Output<String> name() {
    return name;
  }

  Output<String> host() {
    return host;
  }

  Output<Integer> port() {
    return port;
  }

  Output<String> uri() {
    return uri;
  }

  Output<String> privateUri() {
    return privateUri;
  }

  Output<String> password() {
    return password;
  }
}
