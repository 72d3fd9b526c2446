package dev.dbplane.pulumi;

import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.ProviderResource;
import dev.dbplane.engine.Secret;
import org.jspecify.annotations.Nullable;

/** An explicit DigitalOcean provider, so that each stack acts with its own token. */
public final class DigitalOceanProvider extends ProviderResource {

  static final String PACKAGE = "digitalocean";

  /** The provider version the bindings are written for; the engine installs this plugin. */
  public static final String VERSION = "4.76.0";

  /** The logical name stays fixed, so a new token is an update of the same provider. */
  private static final String NAME = "digitalocean";

  private DigitalOceanProvider(String name, DigitalOceanProviderArgs args, CustomResourceOptions options) {
    super(PACKAGE, name, args, options);
  }

  /**
   * The provider of a program's resources, holding the token as a secret. Called from within the
   * program.
   *
   * @param apiEndpoint where the DigitalOcean API is; null for DigitalOcean itself
   */
  public static DigitalOceanProvider explicit(Secret token, @Nullable String apiEndpoint) {
    return new DigitalOceanProvider(
        NAME,
        new DigitalOceanProviderArgs(Output.ofSecret(token.reveal()), apiEndpoint == null ? null : Output.of(apiEndpoint)),
        CustomResourceOptions.builder().version(VERSION).build());
  }
}
