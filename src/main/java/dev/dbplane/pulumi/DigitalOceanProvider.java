package dev.dbplane.pulumi;

import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ProviderResource;

/** An explicit DigitalOcean provider, so that each stack acts with its own token. */
final class DigitalOceanProvider extends ProviderResource {

  static final String PACKAGE = "digitalocean";

  DigitalOceanProvider(String name, DigitalOceanProviderArgs args, CustomResourceOptions options) {
    super(PACKAGE, name, args, options);
  }
}
