package dev.dbplane.replica.program;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;
import java.util.List;

/**
 * A read-only replica of a DigitalOcean database cluster
 * ({@code digitalocean:index/databaseReplica:DatabaseReplica}), with the outputs the service exports.
 * Changing its cluster, name, region, VPC or tags replaces it; its size and storage grow in place.
 * The provider's id of a replica is {@code <cluster id>/replicas/<name>}; DigitalOcean's is its uuid.
 */
final class DatabaseReplica extends CustomResource {

  static final String TYPE = "digitalocean:index/databaseReplica:DatabaseReplica";

  /** The outputs the provider's schema marks secret. */
  static final List<String> SECRET_OUTPUTS = List.of("password", "privateUri", "uri");

  @Export(name = "uuid", refs = {String.class}, tree = "[0]")
  private Output<String> uuid;

  @Export(name = "host", refs = {String.class}, tree = "[0]")
  private Output<String> host;

  @Export(name = "port", refs = {Integer.class}, tree = "[0]")
  private Output<Integer> port;

  @Export(name = "uri", refs = {String.class}, tree = "[0]")
  private Output<String> uri;

  @Export(name = "privateUri", refs = {String.class}, tree = "[0]")
  private Output<String> privateUri;

  @Export(name = "database", refs = {String.class}, tree = "[0]")
  private Output<String> database;

  @Export(name = "user", refs = {String.class}, tree = "[0]")
  private Output<String> user;

  @Export(name = "password", refs = {String.class}, tree = "[0]")
  private Output<String> password;

  DatabaseReplica(String name, DatabaseReplicaArgs args, CustomResourceOptions options) {
    super(TYPE, name, args, options);
  }

  Output<String> uuid() {
    return uuid;
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

  Output<String> database() {
    return database;
  }

  Output<String> user() {
    return user;
  }

  Output<String> password() {
    return password;
  }
}
