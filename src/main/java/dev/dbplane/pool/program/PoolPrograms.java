package dev.dbplane.pool.program;

import dev.dbplane.digitalocean.DigitalOceanApi;
import dev.dbplane.digitalocean.DigitalOceanApiException;
import dev.dbplane.engine.Secret;
import dev.dbplane.pool.PoolKind;
import dev.dbplane.pool.PoolSpec;
import dev.dbplane.pulumi.KindProgram;
import dev.dbplane.pulumi.ProgramIdentity;
import dev.dbplane.pulumi.StackProgram;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** What the Pulumi engine runs for a connection pool: its program, and its pool's place in the state. */
public final class PoolPrograms implements KindProgram<PoolSpec> {

  private static final ProgramIdentity<PoolSpec> IDENTITY = new ProgramIdentity<>(
      PoolSpec.TYPE, PoolKind.NOUN, DatabaseConnectionPool.TYPE, PoolProgram.EXPORTED_PROPERTIES, PoolKind.OUTPUTS.secrets());

  private final DigitalOceanApi digitalocean;

  public PoolPrograms(DigitalOceanApi digitalocean) {
    this.digitalocean = digitalocean;
  }

  @Override
  public ProgramIdentity<PoolSpec> identity() {
    return IDENTITY;
  }

  @Override
  public StackProgram program(PoolSpec spec, Secret token, @Nullable String apiEndpoint) {
    return new PoolProgram(spec, token, apiEndpoint);
  }

  /** The provider's id of a pool that DigitalOcean has: {@code <cluster id>/<name>}. */
  @Override
  public Optional<String> existingId(PoolSpec spec, Secret token) throws DigitalOceanApiException {
    return digitalocean
        .find(token, "v2/databases/" + spec.clusterId() + "/pools/" + spec.name())
        .map(found -> spec.clusterId() + "/" + spec.name());
  }
}
