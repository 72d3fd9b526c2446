package dev.dbplane.db.program;

import com.pulumi.Context;
import com.pulumi.core.Output;
import dev.dbplane.db.DbKind;
import dev.dbplane.db.DbSpec;
import dev.dbplane.engine.Secret;
import dev.dbplane.pulumi.ResourceProgram;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The inline Pulumi program of one database: an explicit DigitalOcean provider holding the token as
 * a secret, and the database in its cluster. It exports the database's id and name, and keeps what
 * it exports for the engine.
 */
final class DbProgram extends ResourceProgram<DbSpec> {

  /** The logical name stays fixed, so the stack's one database is always the same resource. */
  static final String DATABASE_NAME = "database";

  /** Each stack output ({@link DbKind#OUTPUTS}) and the database's property it is. */
  static final Map<String, String> EXPORTED_PROPERTIES = DbKind.OUTPUTS.inOrder(Map.of("id", "id", "name", "name"));

  DbProgram(DbSpec spec, Secret token, @Nullable String apiEndpoint) {
    super(spec, token, apiEndpoint);
  }

  @Override
  public void accept(Context ctx) {
    DatabaseDb database = new DatabaseDb(DATABASE_NAME, DatabaseDbArgs.of(spec()), resourceOptions());
    // The same names as EXPORTED_PROPERTIES, each from its property.
    ctx.export("id", database.id());
    ctx.export("name", database.name());
    Output.tuple(database.id(), database.name())
        .applyValue(known -> {
          keep(DbKind.OUTPUTS.inOrder(Map.of("id", known.t1, "name", known.t2)));
          return null;
        });
  }
}
