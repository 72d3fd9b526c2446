package dev.dbplane.cluster.program;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import java.util.List;

/**
 * A DigitalOcean managed database cluster ({@code digitalocean:index/databaseCluster:DatabaseCluster}),
 * with the outputs the service exports. Changing its engine, name, VPC or project replaces it.
 */
final class DatabaseCluster extends CustomResource {

  static final String TYPE = "digitalocean:index/databaseCluster:DatabaseCluster";

  /** The outputs the provider's schema marks secret. */
  static final List<String> SECRET_OUTPUTS = List.of("password", "uri", "privateUri", "uiPassword", "uiUri");

  @Export(name = "host", refs = {String.class}, tree = "[0]")
  private Output<String> host;

  @Export(name = "port", refs = {Integer.class}, tree = "[0]")
  private Output<Integer> port;

  @Export(name = "user", refs = {String.class}, tree = "[0]")
  private Output<String> user;

  @Export(name = "password", refs = {String.class}, tree = "[0]")
  private Output<String> password;

  @Export(name = "uri", refs = {String.class}, tree = "[0]")
  private Output<String> uri;

  @Export(name = "database", refs = {String.class}, tree = "[0]")
  private Output<String> database;

  @Export(name = "clusterUrn", refs = {String.class}, tree = "[0]")
  private Output<String> clusterUrn;

  DatabaseCluster(String name, DatabaseClusterArgs args, CustomResourceOptions options) {
    super(TYPE, name, args, options);
  }

  Output<String> host() {
    return host;
  }

  Output<Integer> port() {
    return port;
  }

  Output<String> user() {
    return user;
  }

  Output<String> password() {
    return password;
  }

  Output<String> uri() {
    return uri;
  }

  Output<String> database() {
    return database;
  }

  Output<String> clusterUrn() {
    return clusterUrn;
  }
}
