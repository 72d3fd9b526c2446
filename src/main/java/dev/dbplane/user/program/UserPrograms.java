package dev.dbplane.user.program;

import com.google.gson.JsonObject;
import dev.dbplane.digitalocean.DigitalOceanApi;
import dev.dbplane.digitalocean.DigitalOceanApiException;
import dev.dbplane.engine.Secret;
import dev.dbplane.pulumi.KindProgram;
import dev.dbplane.pulumi.ProgramIdentity;
import dev.dbplane.pulumi.StackProgram;
import dev.dbplane.user.UserKind;
import dev.dbplane.user.UserSpec;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** What the Pulumi engine runs for a user: its program, and its user's place in the state. */
public final class UserPrograms implements KindProgram<UserSpec> {

  private static final ProgramIdentity<UserSpec> IDENTITY = new ProgramIdentity<>(
      UserSpec.TYPE, UserKind.NOUN, DatabaseUser.TYPE, UserProgram.EXPORTED_PROPERTIES, UserKind.OUTPUTS.secrets());

  private final DigitalOceanApi digitalocean;

  public UserPrograms(DigitalOceanApi digitalocean) {
    this.digitalocean = digitalocean;
  }

  @Override
  public ProgramIdentity<UserSpec> identity() {
    return IDENTITY;
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

  /**
   * DigitalOcean's reset_auth, which gives the user a new password. A MySQL user keeps its
   * authentication plugin: DigitalOcean's reset applies the plugin it is sent.
   */
  @Override
  public boolean resetPassword(UserSpec spec, Secret token) throws DigitalOceanApiException {
    JsonObject request = new JsonObject();
    if (spec.mysqlAuthPlugin() != null) {
      JsonObject settings = new JsonObject();
      settings.addProperty("auth_plugin", spec.mysqlAuthPlugin());
      request.add("mysql_settings", settings);
    }
    digitalocean.post(token, "v2/databases/" + spec.clusterId() + "/users/" + spec.name() + "/reset_auth", request);
    return true;
  }
}
