package dev.dbplane.cluster.program;

import dev.dbplane.cluster.ClusterKind;
import dev.dbplane.cluster.ClusterSpec;
import dev.dbplane.digitalocean.DigitalOceanApi;
import dev.dbplane.digitalocean.DigitalOceanApiException;
import dev.dbplane.engine.Secret;
import dev.dbplane.pulumi.KindProgram;
import dev.dbplane.pulumi.ProgramIdentity;
import dev.dbplane.pulumi.StackProgram;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** What the Pulumi engine runs for a cluster: its program, and its cluster's place in the state. */
public final class ClusterPrograms implements KindProgram<ClusterSpec> {

  private static final ProgramIdentity<ClusterSpec> IDENTITY = new ProgramIdentity<>(
      ClusterSpec.TYPE, ClusterKind.NOUN, DatabaseCluster.TYPE, ClusterProgram.EXPORTED_PROPERTIES, ClusterKind.OUTPUTS.secrets());

  private final DigitalOceanApi digitalocean;

  public ClusterPrograms(DigitalOceanApi digitalocean) {
    this.digitalocean = digitalocean;
  }

  @Override
  public ProgramIdentity<ClusterSpec> identity() {
    return IDENTITY;
  }

  @Override
  public StackProgram program(ClusterSpec spec, Secret token, @Nullable String apiEndpoint) {
    return new ClusterProgram(spec, token, apiEndpoint);
  }

  @Override
  public Optional<String> existingId(ClusterSpec spec, Secret token) throws DigitalOceanApiException {
    return digitalocean.findClusterId(token, spec.clusterName());
  }
}
