package dev.dbplane.firewall.program;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Export;
import com.pulumi.resources.CustomResource;
import com.pulumi.resources.CustomResourceOptions;

/**
 * The trusted sources of a DigitalOcean database cluster
 * ({@code digitalocean:index/databaseFirewall:DatabaseFirewall}), with the outputs the service
 * exports. Changing its cluster replaces it; its rules change in place. The provider marks none of
 * its outputs secret.
 */
final class DatabaseFirewall extends CustomResource {

  static final String TYPE = "digitalocean:index/databaseFirewall:DatabaseFirewall";

  @Export(name = "clusterId", refs = {String.class}, tree = "[0]")
  private Output<String> clusterId;

  DatabaseFirewall(String name, DatabaseFirewallArgs args, CustomResourceOptions options) {
    super(TYPE, name, args, options);
  }

  Output<String> clusterId() {
    return clusterId;
  }
}
