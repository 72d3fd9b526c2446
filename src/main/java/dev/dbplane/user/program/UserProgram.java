package dev.dbplane.user.program;

import com.pulumi.Context;
import com.pulumi.core.Output;
import dev.dbplane.engine.Secret;
import dev.dbplane.pulumi.ResourceProgram;
import dev.dbplane.user.UserKind;
import dev.dbplane.user.UserSpec;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The inline Pulumi program of one user: an explicit DigitalOcean provider holding the token as a
 * secret, and the user in its cluster. It exports the user's id, name, role and, as a secret, the
 * password DigitalOcean generated, and keeps what it exports for the engine.
 */
final class UserProgram extends ResourceProgram<UserSpec> {

  /** The logical name stays fixed, so the stack's one user is always the same resource. */
  static final String USER_NAME = "database-user";

  /** Each stack output ({@link UserKind#OUTPUTS}) and the user's property it is. */
  static final Map<String, String> EXPORTED_PROPERTIES = UserKind.OUTPUTS.inOrder(Map.of("id", "id", "name", "name", "role", "role", "password", "password"));

  UserProgram(UserSpec spec, Secret token, @Nullable String apiEndpoint) {
    super(spec, token, apiEndpoint);
  }

  @Override
  public void accept(Context ctx) {
    DatabaseUser user = new DatabaseUser(USER_NAME, DatabaseUserArgs.of(spec()), resourceOptions(DatabaseUser.SECRET_OUTPUTS));
    // The same names as EXPORTED_PROPERTIES, each from its property.
    ctx.export("id", user.id());
    ctx.export("name", user.name());
    ctx.export("role", user.role());
    ctx.export("password", user.password().asSecret());
    Output.tuple(user.id(), user.name(), user.role(), user.password())
        .applyValue(known -> {
          keep(UserKind.OUTPUTS.inOrder(Map.of("id", known.t1, "name", known.t2, "role", known.t3, "password", known.t4)));
          return null;
        });
  }
}
