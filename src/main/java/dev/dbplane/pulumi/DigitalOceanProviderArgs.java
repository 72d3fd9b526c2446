package dev.dbplane.pulumi;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;
import org.jspecify.annotations.Nullable;

/** Inputs of the DigitalOcean provider ({@code pulumi:providers:digitalocean}) that the program sets. */
final class DigitalOceanProviderArgs extends ResourceArgs {

  /** The API token; the schema does not mark it secret, so the program passes it as one. */
  @Import(name = "token")
  private final Output<String> token;

  /** Where the DigitalOcean API is; unset means DigitalOcean itself (an emulator for tests). */
  @Import(name = "apiEndpoint")
  private final @Nullable Output<String> apiEndpoint;

  DigitalOceanProviderArgs(Output<String> token, @Nullable Output<String> apiEndpoint) {
    this.token = token;
    this.apiEndpoint = apiEndpoint;
  }

  Output<String> token() {
    return token;
  }
}
