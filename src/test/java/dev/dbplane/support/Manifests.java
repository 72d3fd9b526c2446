package dev.dbplane.support;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import java.util.UUID;
import java.util.function.Consumer;
import org.project_planton.provider.digitalocean.DigitalOceanProviderConfig;
import org.project_planton.provider.digitalocean.DigitalOceanRegion;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseCluster;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseClusterSpec;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseClusterStackInput;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseEngine;
import org.project_planton.shared.CloudResourceMetadata;

/**
 * The tests' manifests and stack inputs, for every layer: a manifest that every layer accepts
 * without a single violation or advisory (three nodes, a documented postgres version, no org/env, no
 * VPC, default storage), small helpers to vary one part of it, and the forms a caller sends it in
 * (JSON; YAML as a person writes it; binary protobuf is the message's own {@code toByteArray()}).
 */
public final class Manifests {

  public static final String API_VERSION = "digital-ocean.project-planton.org/v1";
  public static final String KIND = "DigitalOceanDatabaseCluster";
  public static final String TOKEN = "dop_v1_unit_test_token";

  /**
   * A hand-written manifest in YAML that breaks two rules, at line 6 column 16 (clusterName) and
   * line 10 column 14 (nodeCount), and lacks sizeSlug.
   */
  public static final String MISWRITTEN_YAML =
      """
      apiVersion: digital-ocean.project-planton.org/v1
      kind: DigitalOceanDatabaseCluster
      metadata:
        name: orders-db
      spec:
        clusterName: Orders_DB
        engine: postgres
        engineVersion: "16"
        region: nyc3
        nodeCount: 4
      """;

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

  /**
   * The valid manifest as the API tests create clusters: of acme's prod environment, {@code name}
   * both in its metadata and as the cluster's name, on this many nodes.
   */
  public static DigitalOceanDatabaseCluster.Builder inProd(String name, int nodes) {
    DigitalOceanDatabaseCluster.Builder manifest = valid();
    manifest.getMetadataBuilder().setName(name).setOrg("acme").setEnv("prod");
    manifest.getSpecBuilder().setClusterName(name).setNodeCount(nodes);
    return manifest;
  }

  /** {@link #inProd(String, int)} with one change to its metadata. */
  public static DigitalOceanDatabaseCluster inProd(String name, int nodes, Consumer<CloudResourceMetadata.Builder> change) {
    DigitalOceanDatabaseCluster.Builder manifest = inProd(name, nodes);
    change.accept(manifest.getMetadataBuilder());
    return manifest.build();
  }

  /** A name of this prefix that no other test's cluster has. */
  public static String uniqueName(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  public static DigitalOceanProviderConfig.Builder providerConfig() {
    return DigitalOceanProviderConfig.newBuilder().setApiToken(TOKEN).setDefaultRegion(DigitalOceanRegion.nyc3);
  }

  /** A stack input carrying the manifest as target, with a valid provider config. */
  public static DigitalOceanDatabaseClusterStackInput stackInput(DigitalOceanDatabaseCluster target) {
    return stackInput(target, TOKEN);
  }

  /** A stack input carrying the manifest as target, with this DigitalOcean token. */
  public static DigitalOceanDatabaseClusterStackInput stackInput(DigitalOceanDatabaseCluster target, String token) {
    return DigitalOceanDatabaseClusterStackInput.newBuilder()
        .setTarget(target)
        .setProviderConfig(providerConfig().setApiToken(token))
        .build();
  }

  /** The JSON a caller sends: the proto's camelCase names, enums by name, unset fields left out. */
  public static String json(MessageOrBuilder message) {
    try {
      return JsonFormat.printer().print(message);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("not printable as JSON: " + message, e);
    }
  }

  /**
   * A YAML manifest as the target of a stack input with this token, in YAML too, under a comment
   * as people write them: each line of the manifest is two lines further down and two columns
   * further right.
   */
  public static String yamlStackInput(String manifestYaml, String token) {
    return "# a stack input written by hand\ntarget:\n" + manifestYaml.indent(2)
        + "providerConfig:\n  apiToken: " + token + "\n  defaultRegion: nyc3\n";
  }

  /**
   * A database that every layer accepts, without advice: {@code app} in the cluster
   * 9cc10173-e9ea-4176-9dbc-a4cee4c4ff30, named app-db in its metadata.
   */
  public static org.project_planton.provider.digitalocean.digitaloceandatabasedb.v1.DigitalOceanDatabaseDb.Builder databaseDb() {
    return org.project_planton.provider.digitalocean.digitaloceandatabasedb.v1.DigitalOceanDatabaseDb.newBuilder()
        .setApiVersion(API_VERSION)
        .setKind("DigitalOceanDatabaseDb")
        .setMetadata(CloudResourceMetadata.newBuilder().setName("app-db"))
        .setSpec(org.project_planton.provider.digitalocean.digitaloceandatabasedb.v1.DigitalOceanDatabaseDbSpec.newBuilder()
            .setCluster(attachedTo("9cc10173-e9ea-4176-9dbc-a4cee4c4ff30"))
            .setName("app"));
  }

  /**
   * A user that every layer accepts, without advice: {@code app} in the cluster
   * 9cc10173-e9ea-4176-9dbc-a4cee4c4ff30, with the engine's default authentication, named app-user in
   * its metadata.
   */
  public static org.project_planton.provider.digitalocean.digitaloceandatabaseuser.v1.DigitalOceanDatabaseUser.Builder databaseUser() {
    return org.project_planton.provider.digitalocean.digitaloceandatabaseuser.v1.DigitalOceanDatabaseUser.newBuilder()
        .setApiVersion(API_VERSION)
        .setKind("DigitalOceanDatabaseUser")
        .setMetadata(CloudResourceMetadata.newBuilder().setName("app-user"))
        .setSpec(org.project_planton.provider.digitalocean.digitaloceandatabaseuser.v1.DigitalOceanDatabaseUserSpec.newBuilder()
            .setCluster(attachedTo("9cc10173-e9ea-4176-9dbc-a4cee4c4ff30"))
            .setName("app"));
  }

  /**
   * A connection pool that every layer accepts, without advice: {@code app-pool} of 10 connections in
   * transaction mode to defaultdb as user app, in the cluster 9cc10173-e9ea-4176-9dbc-a4cee4c4ff30,
   * named app-pool in its metadata.
   */
  public static org.project_planton.provider.digitalocean.digitaloceandatabaseconnectionpool.v1.DigitalOceanDatabaseConnectionPool.Builder
      databaseConnectionPool() {
    return org.project_planton.provider.digitalocean.digitaloceandatabaseconnectionpool.v1.DigitalOceanDatabaseConnectionPool.newBuilder()
        .setApiVersion(API_VERSION)
        .setKind("DigitalOceanDatabaseConnectionPool")
        .setMetadata(CloudResourceMetadata.newBuilder().setName("app-pool"))
        .setSpec(org.project_planton.provider.digitalocean.digitaloceandatabaseconnectionpool.v1.DigitalOceanDatabaseConnectionPoolSpec.newBuilder()
            .setCluster(attachedTo("9cc10173-e9ea-4176-9dbc-a4cee4c4ff30"))
            .setName("app-pool")
            .setMode(org.project_planton.provider.digitalocean.digitaloceandatabaseconnectionpool.v1.DigitalOceanDatabaseConnectionPoolMode.transaction)
            .setSize(10)
            .setDbName("defaultdb")
            .setUser("app"));
  }

  /** A literal reference to the cluster of this DigitalOcean id. */
  private static org.project_planton.shared.foreignkey.v1.StringValueOrRef attachedTo(String clusterId) {
    return org.project_planton.shared.foreignkey.v1.StringValueOrRef.newBuilder().setValue(clusterId).build();
  }
}
