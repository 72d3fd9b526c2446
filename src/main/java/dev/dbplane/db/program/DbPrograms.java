package dev.dbplane.db.program;

import dev.dbplane.db.DbKind;
import dev.dbplane.db.DbSpec;
import dev.dbplane.digitalocean.DigitalOceanApi;
import dev.dbplane.digitalocean.DigitalOceanApiException;
import dev.dbplane.engine.Secret;
import dev.dbplane.pulumi.KindProgram;
import dev.dbplane.pulumi.ProgramIdentity;
import dev.dbplane.pulumi.StackProgram;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** What the Pulumi engine runs for a database: its program, and its database's place in the state. */
public final class DbPrograms implements KindProgram<DbSpec> {

  private static final ProgramIdentity<DbSpec> IDENTITY = new ProgramIdentity<>(
      DbSpec.TYPE, DbKind.NOUN, DatabaseDb.TYPE, DbProgram.EXPORTED_PROPERTIES, DbKind.OUTPUTS.secrets());

  private final DigitalOceanApi digitalocean;

  public DbPrograms(DigitalOceanApi digitalocean) {
    this.digitalocean = digitalocean;
  }

  @Override
  public ProgramIdentity<DbSpec> identity() {
    return IDENTITY;
  }

  @Override
  public StackProgram program(DbSpec spec, Secret token, @Nullable String apiEndpoint) {
    return new DbProgram(spec, token, apiEndpoint);
  }

  /** The provider's id of a database that DigitalOcean has: {@code <cluster id>/database/<name>}. */
  @Override
  public Optional<String> existingId(DbSpec spec, Secret token) throws DigitalOceanApiException {
    return digitalocean
        .find(token, "v2/databases/" + spec.clusterId() + "/dbs/" + spec.name())
        .map(found -> spec.clusterId() + "/database/" + spec.name());
  }
}
