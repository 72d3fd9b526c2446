package dev.dbplane.cluster;

import com.google.protobuf.Message;
import java.util.Optional;
import org.project_planton.provider.digitalocean.DigitalOceanProviderConfig;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseCluster;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseClusterStackInput;

/**
 * A parsed request: either a bare manifest, or a stack input that carries the manifest as its target
 * together with the provider credentials. Field paths in answers follow the shape the caller sent.
 */
public sealed interface ClusterRequest {

  DigitalOceanDatabaseCluster manifest();

  Optional<DigitalOceanProviderConfig> providerConfig();

  /** The request as it was sent: the manifest or the stack input. */
  Message message();

  /** Prefix of the manifest's fields in this request's shape: "" or "target.". */
  String manifestPath();

  static ClusterRequest of(DigitalOceanDatabaseCluster manifest) {
    return new Manifest(manifest);
  }

  static ClusterRequest of(DigitalOceanDatabaseClusterStackInput stackInput) {
    return new StackInput(stackInput);
  }

  record Manifest(DigitalOceanDatabaseCluster manifest) implements ClusterRequest {
    @Override
    public Message message() {
      return manifest;
    }

    @Override
    public Optional<DigitalOceanProviderConfig> providerConfig() {
      return Optional.empty();
    }

    @Override
    public String manifestPath() {
      return "";
    }
  }

  record StackInput(DigitalOceanDatabaseClusterStackInput stackInput) implements ClusterRequest {
    @Override
    public Message message() {
      return stackInput;
    }

    @Override
    public DigitalOceanDatabaseCluster manifest() {
      return stackInput.getTarget();
    }

    @Override
    public Optional<DigitalOceanProviderConfig> providerConfig() {
      return stackInput.hasProviderConfig()
          ? Optional.of(stackInput.getProviderConfig())
          : Optional.empty();
    }

    @Override
    public String manifestPath() {
      return "target.";
    }
  }
}
