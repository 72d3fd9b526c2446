package dev.dbplane.user.program;

import dev.dbplane.user.UserKind;
import dev.dbplane.user.UserSpec;
import dev.dbplane.digitalocean.DigitalOceanApi;
import dev.dbplane.digitalocean.DigitalOceanApiException;
import dev.dbplane.engine.Secret;
import dev.dbplane.engine.SpecType;
import dev.dbplane.pulumi.KindProgram;
import dev.dbplane.pulumi.StackProgram;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** What the Pulumi engine runs for a user: its program, and its user's place in the state. */
public final class UserPrograms implements KindProgram<UserSpec> {

  private final DigitalOceanApi digitalocean;

  public UserPrograms(DigitalOceanApi digitalocean) {
    this.digitalocean = digitalocean;
  }

  @Override
  public SpecType<UserSpec> specType() {
    return UserSpec.TYPE;
  }

  @Override
  public String noun() {
    return UserKind.NOUN;
  }

  @Override
  public String resourceType() {
    return DatabaseUser.TYPE;
  }

  @Override
  public Map<String, String> exportedProperties() {
    return UserProgram.EXPORTED_PROPERTIES;
  }

  @Override
  public Set<String> secretOutputs() {
    return UserKind.OUTPUTS.secrets();
  }

  @Override
  public StackProgram program(UserSpec spec, Secret token, @Nullable String apiEndpoint) {
    return new UserProgram(spec, token, apiEndpoint);
  }

  /** The provider's id of a user that DigitalOcean has: {@code <cluster id>/user/<name>}. */
  @Override
  public Optional<String> existingId(UserSpec spec, Secret token) throws DigitalOceanApiException {
    return digitalocean
        .find(token, "v2/databases/" + spec.clusterId() + "/users/" + spec.name())
        .map(found -> spec.clusterId() + "/user/" + spec.name());
  }
}
