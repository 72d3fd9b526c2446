package dev.dbplane.pool.program;

import dev.dbplane.pool.PoolKind;
import dev.dbplane.pool.PoolSpec;
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

/** What the Pulumi engine runs for a connection pool: its program, and its pool's place in the state. */
public final class PoolPrograms implements KindProgram<PoolSpec> {

  private final DigitalOceanApi digitalocean;

  public PoolPrograms(DigitalOceanApi digitalocean) {
    this.digitalocean = digitalocean;
  }

  @Override
  public SpecType<PoolSpec> specType() {
    return PoolSpec.TYPE;
  }

  @Override
  public String noun() {
    return PoolKind.NOUN;
  }

  @Override
  public String resourceType() {
    return DatabaseConnectionPool.TYPE;
  }

  @Override
  public Map<String, String> exportedProperties() {
    return PoolProgram.EXPORTED_PROPERTIES;
  }

  @Override
  public Set<String> secretOutputs() {
    return PoolKind.OUTPUTS.secrets();
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
