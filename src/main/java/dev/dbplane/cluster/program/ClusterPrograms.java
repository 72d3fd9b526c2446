package dev.dbplane.cluster.program;

import dev.dbplane.cluster.ClusterKind;
import dev.dbplane.cluster.ClusterSpec;
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

/** What the Pulumi engine runs for a cluster: its program, and its cluster's place in the state. */
public final class ClusterPrograms implements KindProgram<ClusterSpec> {

  private final DigitalOceanApi digitalocean;

  public ClusterPrograms(DigitalOceanApi digitalocean) {
    this.digitalocean = digitalocean;
  }

  @Override
  public SpecType<ClusterSpec> specType() {
    return ClusterSpec.TYPE;
  }

  @Override
  public String noun() {
    return ClusterKind.NOUN;
  }

  @Override
  public String resourceType() {
    return DatabaseCluster.TYPE;
  }

  @Override
  public Map<String, String> exportedProperties() {
    return ClusterProgram.EXPORTED_PROPERTIES;
  }

  @Override
  public Set<String> secretOutputs() {
    return ClusterKind.OUTPUTS.secrets();
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
