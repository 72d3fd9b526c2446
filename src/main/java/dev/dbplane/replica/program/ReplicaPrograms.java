package dev.dbplane.replica.program;

import dev.dbplane.digitalocean.DigitalOceanApi;
import dev.dbplane.digitalocean.DigitalOceanApiException;
import dev.dbplane.engine.Secret;
import dev.dbplane.pulumi.KindProgram;
import dev.dbplane.pulumi.ProgramIdentity;
import dev.dbplane.pulumi.StackProgram;
import dev.dbplane.replica.ReplicaKind;
import dev.dbplane.replica.ReplicaSpec;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** What the Pulumi engine runs for a replica: its program, and its replica's place in the state. */
public final class ReplicaPrograms implements KindProgram<ReplicaSpec> {

  private static final ProgramIdentity<ReplicaSpec> IDENTITY = new ProgramIdentity<>(
      ReplicaSpec.TYPE, ReplicaKind.NOUN, DatabaseReplica.TYPE, ReplicaProgram.EXPORTED_PROPERTIES, ReplicaKind.OUTPUTS.secrets());

  private final DigitalOceanApi digitalocean;

  public ReplicaPrograms(DigitalOceanApi digitalocean) {
    this.digitalocean = digitalocean;
  }

  @Override
  public ProgramIdentity<ReplicaSpec> identity() {
    return IDENTITY;
  }

  @Override
  public StackProgram program(ReplicaSpec spec, Secret token, @Nullable String apiEndpoint) {
    return new ReplicaProgram(spec, token, apiEndpoint);
  }

  /** The provider knows a replica by its cluster and its name, and forms its id from them. */
  @Override
  public Optional<String> existingId(ReplicaSpec spec, Secret token) throws DigitalOceanApiException {
    if (spec.clusterId().isEmpty()) {
      return Optional.empty();
    }
    String path = spec.clusterId() + "/replicas/" + spec.name();
    return digitalocean.find(token, "v2/databases/" + path).map(replica -> path);
  }
}
