package dev.dbplane.user.program;

import com.pulumi.Context;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import dev.dbplane.engine.Secret;
import dev.dbplane.pulumi.DigitalOceanProvider;
import dev.dbplane.pulumi.StackProgram;
import dev.dbplane.user.UserKind;
import dev.dbplane.user.UserSpec;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * The inline Pulumi program of one user: an explicit DigitalOcean provider holding the token as a
 * secret, and the user in its cluster. It exports the user's id, name, role and, as a secret, the
 * password DigitalOcean generated, and keeps what it exports for the engine.
 */
final class UserProgram implements StackProgram {

  /** The logical name stays fixed, so the stack's one user is always the same resource. */
  static final String USER_NAME = "database-user";

  /** Each stack output ({@link UserKind#OUTPUTS}) and the user's property it is. */
  static final Map<String, String> EXPORTED_PROPERTIES = UserKind.OUTPUTS.inOrder(Map.of("id", "id", "name", "name", "role", "role", "password", "password"));

  private final UserSpec spec;
  private final Secret token;
  private final @Nullable String apiEndpoint;
  private final AtomicReference<@Nullable Map<String, String>> outputs = new AtomicReference<>();

  UserProgram(UserSpec spec, Secret token, @Nullable String apiEndpoint) {
    this.spec = spec;
    this.token = token;
    this.apiEndpoint = apiEndpoint;
  }

  @Override
  public void accept(Context ctx) {
    DigitalOceanProvider provider = DigitalOceanProvider.explicit(token, apiEndpoint);
    DatabaseUser user =
        new DatabaseUser(
            USER_NAME,
            DatabaseUserArgs.of(spec),
            CustomResourceOptions.builder()
                .provider(provider)
                .version(DigitalOceanProvider.VERSION)
                .additionalSecretOutputs(DatabaseUser.SECRET_OUTPUTS)
                .build());
    // The same names as EXPORTED_PROPERTIES, each from its property.
    ctx.export("id", user.id());
    ctx.export("name", user.name());
    ctx.export("role", user.role());
    ctx.export("password", user.password().asSecret());
    // Runs only once every value is known: never in a preview of a change, always in an update.
    Output.tuple(user.id(), user.name(), user.role(), user.password())
        .applyValue(known -> {
          outputs.set(UserKind.OUTPUTS.inOrder(Map.of("id", known.t1, "name", known.t2, "role", known.t3, "password", known.t4)));
          return null;
        });
  }

  @Override
  public Optional<Map<String, String>> outputs() {
    return Optional.ofNullable(outputs.get());
  }
}
