package dev.dbplane.support;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;
import org.project_planton.provider.digitalocean.DigitalOceanProviderConfig;
import org.project_planton.provider.digitalocean.DigitalOceanRegion;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseCluster;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseClusterSpec;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseClusterStackInput;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseEngine;
import org.project_planton.provider.digitalocean.digitaloceandatabaseconnectionpool.v1.DigitalOceanDatabaseConnectionPool;
import org.project_planton.provider.digitalocean.digitaloceandatabaseconnectionpool.v1.DigitalOceanDatabaseConnectionPoolMode;
import org.project_planton.provider.digitalocean.digitaloceandatabaseconnectionpool.v1.DigitalOceanDatabaseConnectionPoolSpec;
import org.project_planton.provider.digitalocean.digitaloceandatabasedb.v1.DigitalOceanDatabaseDb;
import org.project_planton.provider.digitalocean.digitaloceandatabasedb.v1.DigitalOceanDatabaseDbSpec;
import org.project_planton.provider.digitalocean.digitaloceandatabasefirewall.v1.DigitalOceanDatabaseFirewall;
import org.project_planton.provider.digitalocean.digitaloceandatabasefirewall.v1.DigitalOceanDatabaseFirewallRule;
import org.project_planton.provider.digitalocean.digitaloceandatabasefirewall.v1.DigitalOceanDatabaseFirewallRuleType;
import org.project_planton.provider.digitalocean.digitaloceandatabasefirewall.v1.DigitalOceanDatabaseFirewallSpec;
import org.project_planton.provider.digitalocean.digitaloceandatabasereplica.v1.DigitalOceanDatabaseReplica;
import org.project_planton.provider.digitalocean.digitaloceandatabasereplica.v1.DigitalOceanDatabaseReplicaSpec;
import org.project_planton.provider.digitalocean.digitaloceandatabaseuser.v1.DigitalOceanDatabaseUser;
import org.project_planton.provider.digitalocean.digitaloceandatabaseuser.v1.DigitalOceanDatabaseUserSpec;
import org.project_planton.shared.CloudResourceMetadata;
import org.project_planton.shared.foreignkey.v1.StringValueOrRef;

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
   * The instant the tests judge a version's end of life at (also {@code dbplane.catalog.end-of-life-as-of}
   * of every service the tests start, see the pom and ServiceProcess), so that they do not age.
   */
  public static final Instant END_OF_LIFE_AS_OF = Instant.parse("2026-12-02T00:00:00Z");

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

  /** The id of the cluster the manifests of the kinds inside a cluster name, as DigitalOcean gives one. */
  public static final String CLUSTER_ID = "9cc10173-e9ea-4176-9dbc-a4cee4c4ff30";

  /**
   * A fully valid, advisory-free firewall: the trusted sources of the cluster {@link #CLUSTER_ID},
   * one of each type.
   */
  public static DigitalOceanDatabaseFirewall.Builder firewall() {
    return DigitalOceanDatabaseFirewall.newBuilder()
        .setApiVersion(API_VERSION)
        .setKind("DigitalOceanDatabaseFirewall")
        .setMetadata(CloudResourceMetadata.newBuilder().setName("orders-db-sources"))
        .setSpec(DigitalOceanDatabaseFirewallSpec.newBuilder()
            .setCluster(StringValueOrRef.newBuilder().setValue(CLUSTER_ID))
            .addRules(firewallRule(DigitalOceanDatabaseFirewallRuleType.ip_addr, "203.0.113.7"))
            .addRules(firewallRule(DigitalOceanDatabaseFirewallRuleType.ip_addr, "10.10.0.0/16"))
            .addRules(firewallRule(DigitalOceanDatabaseFirewallRuleType.droplet, "123456789"))
            .addRules(firewallRule(DigitalOceanDatabaseFirewallRuleType.k8s, "bd5f5959-5e1e-4205-a714-a914373942af"))
            .addRules(firewallRule(DigitalOceanDatabaseFirewallRuleType.tag, "backend"))
            .addRules(firewallRule(DigitalOceanDatabaseFirewallRuleType.app, "f81d4fae-7dec-11d0-a765-00a0c91e6bf6")));
  }

  public static DigitalOceanDatabaseFirewallRule firewallRule(DigitalOceanDatabaseFirewallRuleType type, String value) {
    return DigitalOceanDatabaseFirewallRule.newBuilder().setType(type).setValue(value).build();
  }

  /** A fully valid, advisory-free replica of the cluster {@link #CLUSTER_ID}, in another region. */
  public static DigitalOceanDatabaseReplica.Builder replica() {
    return DigitalOceanDatabaseReplica.newBuilder()
        .setApiVersion(API_VERSION)
        .setKind("DigitalOceanDatabaseReplica")
        .setMetadata(CloudResourceMetadata.newBuilder().setName("orders-db-read-ams3"))
        .setSpec(DigitalOceanDatabaseReplicaSpec.newBuilder()
            .setCluster(StringValueOrRef.newBuilder().setValue(CLUSTER_ID))
            .setName("orders-db-read-ams3")
            .setRegion(DigitalOceanRegion.ams3)
            .setSizeSlug("db-s-2vcpu-4gb"));
  }

  /**
   * A database that every layer accepts, without advice: {@code app} in the cluster
   * {@link #CLUSTER_ID}, named app-db in its metadata.
   */
  public static DigitalOceanDatabaseDb.Builder databaseDb() {
    return DigitalOceanDatabaseDb.newBuilder()
        .setApiVersion(API_VERSION)
        .setKind("DigitalOceanDatabaseDb")
        .setMetadata(CloudResourceMetadata.newBuilder().setName("app-db"))
        .setSpec(DigitalOceanDatabaseDbSpec.newBuilder()
            .setCluster(StringValueOrRef.newBuilder().setValue(CLUSTER_ID))
            .setName("app"));
  }

  /**
   * A user that every layer accepts, without advice: {@code app} in the cluster
   * {@link #CLUSTER_ID}, with the engine's default authentication, named app-user in
   * its metadata.
   */
  public static DigitalOceanDatabaseUser.Builder databaseUser() {
    return DigitalOceanDatabaseUser.newBuilder()
        .setApiVersion(API_VERSION)
        .setKind("DigitalOceanDatabaseUser")
        .setMetadata(CloudResourceMetadata.newBuilder().setName("app-user"))
        .setSpec(DigitalOceanDatabaseUserSpec.newBuilder()
            .setCluster(StringValueOrRef.newBuilder().setValue(CLUSTER_ID))
            .setName("app"));
  }

  /**
   * A connection pool that every layer accepts, without advice: {@code app-pool} of 10 connections in
   * transaction mode to defaultdb as user app, in the cluster {@link #CLUSTER_ID},
   * named app-pool in its metadata.
   */
  public static DigitalOceanDatabaseConnectionPool.Builder
      databaseConnectionPool() {
    return DigitalOceanDatabaseConnectionPool.newBuilder()
        .setApiVersion(API_VERSION)
        .setKind("DigitalOceanDatabaseConnectionPool")
        .setMetadata(CloudResourceMetadata.newBuilder().setName("app-pool"))
        .setSpec(DigitalOceanDatabaseConnectionPoolSpec.newBuilder()
            .setCluster(StringValueOrRef.newBuilder().setValue(CLUSTER_ID))
            .setName("app-pool")
            .setMode(DigitalOceanDatabaseConnectionPoolMode.transaction)
            .setSize(10)
            .setDbName("defaultdb")
            .setUser("app"));
  }
}
