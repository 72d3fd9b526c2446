package dev.dbplane.db.program;

import com.pulumi.Context;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import dev.dbplane.db.DbKind;
import dev.dbplane.db.DbSpec;
import dev.dbplane.engine.Secret;
import dev.dbplane.pulumi.DigitalOceanProvider;
import dev.dbplane.pulumi.StackProgram;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * The inline Pulumi program of one database: an explicit DigitalOcean provider holding the token as
 * a secret, and the database in its cluster. It exports the database's id and name, and keeps what
 * it exports for the engine.
 */
final class DbProgram implements StackProgram {

  /** The logical name stays fixed, so the stack's one database is always the same resource. */
  static final String DATABASE_NAME = "database";

  /** Each stack output ({@link DbKind#OUTPUTS}) and the database's property it is. */
  static final Map<String, String> EXPORTED_PROPERTIES = DbKind.OUTPUTS.inOrder(Map.of("id", "id", "name", "name"));

  private final DbSpec spec;
  private final Secret token;
  private final @Nullable String apiEndpoint;
  private final AtomicReference<@Nullable Map<String, String>> outputs = new AtomicReference<>();

  DbProgram(DbSpec spec, Secret token, @Nullable String apiEndpoint) {
    this.spec = spec;
    this.token = token;
    this.apiEndpoint = apiEndpoint;
  }

  @Override
  public void accept(Context ctx) {
    DigitalOceanProvider provider = DigitalOceanProvider.explicit(token, apiEndpoint);
    DatabaseDb database =
        new DatabaseDb(
            DATABASE_NAME,
            DatabaseDbArgs.of(spec),
            CustomResourceOptions.builder().provider(provider).version(DigitalOceanProvider.VERSION).build());
    // The same names as EXPORTED_PROPERTIES, each from its property.
    ctx.export("id", database.id());
    ctx.export("name", database.name());
    // Runs only once every value is known: never in a preview of a change, always in an update.
    Output.tuple(database.id(), database.name())
        .applyValue(known -> {
          outputs.set(DbKind.OUTPUTS.inOrder(Map.of("id", known.t1, "name", known.t2)));
          return null;
        });
  }

  @Override
  public Optional<Map<String, String>> outputs() {
    return Optional.ofNullable(outputs.get());
  }
}
