package dev.dbplane.cluster;

import java.util.function.Consumer;
import org.project_planton.provider.digitalocean.DigitalOceanProviderConfig;
import org.project_planton.provider.digitalocean.DigitalOceanRegion;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseCluster;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseClusterSpec;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseClusterStackInput;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseEngine;
import org.project_planton.shared.CloudResourceMetadata;

/**
 * Test fixtures: a manifest that every layer accepts without a single violation or advisory (three
 * nodes, a documented postgres version, no org/env, no VPC, default storage), and small helpers to
 * vary one part of it.
 */
public final class Manifests {

  public static final String API_VERSION = "digital-ocean.project-planton.org/v1";
  public static final String KIND = "DigitalOceanDatabaseCluster";
  public static final String TOKEN = "dop_v1_unit_test_token";

  private Manifests() {}

  /** A fresh builder of a fully valid, advisory-free manifest. */
  public static DigitalOceanDatabaseCluster.Builder valid() {
    return DigitalOceanDatabaseCluster.newBuilder()
        .setApiVersion(API_VERSION)
        .setKind(KIND)
        .setMetadata(CloudResourceMetadata.newBuilder().setName("orders-db"))
        .setSpec(validSpec());
  }

  public static DigitalOceanDatabaseClusterSpec.Builder validSpec() {
    return DigitalOceanDatabaseClusterSpec.newBuilder()
        .setClusterName("orders-db")
        .setEngine(DigitalOceanDatabaseEngine.postgres)
        .setEngineVersion("16")
        .setRegion(DigitalOceanRegion.nyc3)
        .setSizeSlug("db-s-2vcpu-4gb")
        .setNodeCount(3);
  }

  /** The valid manifest with one change to its spec. */
  public static DigitalOceanDatabaseCluster withSpec(Consumer<DigitalOceanDatabaseClusterSpec.Builder> change) {
    DigitalOceanDatabaseCluster.Builder manifest = valid();
    change.accept(manifest.getSpecBuilder());
    return manifest.build();
  }

  /** The valid manifest with one change to its metadata. */
  public static DigitalOceanDatabaseCluster withMetadata(Consumer<CloudResourceMetadata.Builder> change) {
    DigitalOceanDatabaseCluster.Builder manifest = valid();
    change.accept(manifest.getMetadataBuilder());
    return manifest.build();
  }

  public static DigitalOceanProviderConfig.Builder providerConfig() {
    return DigitalOceanProviderConfig.newBuilder().setApiToken(TOKEN).setDefaultRegion(DigitalOceanRegion.nyc3);
  }

  /** A stack input carrying the manifest as target, with a valid provider config. */
  public static DigitalOceanDatabaseClusterStackInput stackInput(DigitalOceanDatabaseCluster target) {
    return DigitalOceanDatabaseClusterStackInput.newBuilder()
        .setTarget(target)
        .setProviderConfig(providerConfig())
        .build();
  }
}
