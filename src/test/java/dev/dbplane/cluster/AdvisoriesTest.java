package dev.dbplane.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.dbplane.resource.Advisory;
import dev.dbplane.resource.Findings;
import dev.dbplane.resource.ResourceTags;
import dev.dbplane.support.Manifests;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseCluster;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseClusterSpec;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseEngine;

class AdvisoriesTest {

  private static List<Advisory> advisories(DigitalOceanDatabaseCluster manifest) {
    return advisories(manifest, "");
  }

  private static List<Advisory> advisories(DigitalOceanDatabaseCluster manifest, String manifestPath) {
    Findings findings = new Findings(manifestPath);
    new Advisories().check(manifest, ResourceTags.of(manifest.getMetadata(), ClusterKind.NAME), findings);
    assertThat(findings.violations()).isEmpty();
    return findings.advisories();
  }

  private static List<String> codes(DigitalOceanDatabaseCluster manifest) {
    return advisories(manifest).stream().map(Advisory::code).toList();
  }

  private static List<String> specCodes(Consumer<DigitalOceanDatabaseClusterSpec.Builder> change) {
    return codes(Manifests.withSpec(change));
  }

  private static DigitalOceanDatabaseCluster publicIn(String env) {
    DigitalOceanDatabaseCluster.Builder manifest = Manifests.valid();
    manifest.getMetadataBuilder().setEnv(env);
    manifest.getSpecBuilder().setEnablePublicConnectivity(true);
    return manifest.build();
  }

  @Test
  void validHighlyAvailablePrivateClusterGetsNoAdvice() {
    assertThat(advisories(Manifests.valid().build())).isEmpty();
  }

  // --- dbplane.not_highly_available

  @Test
  void singleNodeClusterIsNotHighlyAvailable() {
    assertThat(advisories(Manifests.withSpec(s -> s.setNodeCount(1))))
        .extracting(Advisory::field, Advisory::code)
        .containsExactly(tuple("spec.node_count", "dbplane.not_highly_available"));
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void clusterOfTwoOrThreeNodesGetsNoAvailabilityAdvice(int nodes) {
    assertThat(specCodes(s -> s.setNodeCount(nodes))).doesNotContain("dbplane.not_highly_available");
  }

  // --- dbplane.engine_retired

  @Test
  void redisIsAdvisedAsRetired() {
    List<Advisory> advisories = advisories(Manifests.withSpec(s -> s.setEngine(DigitalOceanDatabaseEngine.redis).setEngineVersion("7")));

    assertThat(advisories)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.field()).isEqualTo("spec.engine");
              assertThat(a.code()).isEqualTo("dbplane.engine_retired");
              assertThat(a.message()).contains("valkey");
            });
  }

  @ParameterizedTest
  @CsvSource({"valkey,8", "postgres,16", "mysql,8", "mongodb,7"})
  void otherEnginesAreNotAdvisedAsRetired(String engine, String version) {
    assertThat(specCodes(s -> s.setEngine(DigitalOceanDatabaseEngine.valueOf(engine)).setEngineVersion(version))).isEmpty();
  }

  // --- dbplane.public_in_production

  @ParameterizedTest
  @ValueSource(strings = {"prod", "production", "PRD", "Prod", "PRODUCTION", "live"})
  void publicConnectivityInProductionIsAdvisedAgainst(String env) {
    assertThat(advisories(publicIn(env)))
        .extracting(Advisory::field, Advisory::code)
        .containsExactly(tuple("spec.enable_public_connectivity", "dbplane.public_in_production"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "dev", "staging", "test", "preprod", "prod-eu"})
  void publicConnectivityOutsideProductionGetsNoAdvice(String env) {
    assertThat(codes(publicIn(env))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"prod", "production", "PRD"})
  void privateClusterInProductionGetsNoAdvice(String env) {
    assertThat(codes(Manifests.withMetadata(m -> m.setEnv(env)))).isEmpty();
  }

  // --- dbplane.engine_version_undocumented

  @Test
  void undocumentedPostgresVersionIsAdvised() {
    assertThat(advisories(Manifests.withSpec(s -> s.setEngineVersion("12"))))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.field()).isEqualTo("spec.engine_version");
              assertThat(a.code()).isEqualTo("dbplane.engine_version_undocumented");
              assertThat(a.message()).contains("13, 14, 15, 16, 17").contains("postgres").contains("12");
            });
  }

  @ParameterizedTest
  @CsvSource({"postgres,13", "postgres,17", "postgres,16.4", "mysql,8", "mysql,8.0", "valkey,8", "mongodb,6", "mongodb,8"})
  void documentedVersionGetsNoVersionAdvice(String engine, String version) {
    assertThat(specCodes(s -> s.setEngine(DigitalOceanDatabaseEngine.valueOf(engine)).setEngineVersion(version)))
        .doesNotContain("dbplane.engine_version_undocumented");
  }

  @ParameterizedTest
  @CsvSource({"postgres,18", "mysql,5.7", "redis,6", "valkey,7", "mongodb,5"})
  void undocumentedVersionOfEachEngineIsAdvised(String engine, String version) {
    assertThat(specCodes(s -> s.setEngine(DigitalOceanDatabaseEngine.valueOf(engine)).setEngineVersion(version)))
        .contains("dbplane.engine_version_undocumented");
  }

  @Test
  void aVersionThatBreaksTheModelsPatternIsAViolationNotAnAdvice() {
    assertThat(specCodes(s -> s.setEngineVersion("v16"))).doesNotContain("dbplane.engine_version_undocumented");
  }

  @Test
  void missingVersionGetsNoVersionAdvice() {
    assertThat(specCodes(s -> s.setEngineVersion(""))).isEmpty();
  }

  @Test
  void unknownOrUnspecifiedEngineGetsNoVersionAdvice() {
    assertThat(specCodes(s -> s.setEngineValue(9).setEngineVersion("1"))).isEmpty();
    assertThat(specCodes(s -> s.clearEngine().setEngineVersion("1"))).isEmpty();
  }

  // --- dbplane.tags_rewritten

  @Test
  void metadataTagWithDisallowedCharactersIsAdvised() {
    assertThat(advisories(Manifests.withMetadata(m -> m.addTags("team/payments").addTags("cost center"))))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.field()).isEqualTo("metadata");
              assertThat(a.code()).isEqualTo("dbplane.tags_rewritten");
              assertThat(a.message()).startsWith("2 tag(s)");
            });
  }

  @Test
  void labelWithDisallowedCharactersIsAdvised() {
    assertThat(codes(Manifests.withMetadata(m -> m.putLabels("app.kubernetes.io/name", "orders"))))
        .containsExactly("dbplane.tags_rewritten");
  }

  @Test
  void cleanTagsAndLabelsGetNoRewriteAdvice() {
    assertThat(
            codes(
                Manifests.withMetadata(
                    m -> m.setOrg("acme").setEnv("dev").putLabels("team", "payments").addTags("billing").addTags("cost_center:42"))))
        .isEmpty();
  }

  // --- paths and combinations

  @Test
  void advisoriesOfAStackInputTargetArePrefixedWithTarget() {
    DigitalOceanDatabaseCluster manifest = Manifests.withSpec(s -> s.setNodeCount(1));

    assertThat(advisories(manifest, "target."))
        .extracting(Advisory::field)
        .containsExactly("target.spec.node_count");
  }

  @Test
  void everyApplicableAdviceIsGivenAtOnce() {
    DigitalOceanDatabaseCluster.Builder manifest = Manifests.valid();
    manifest.getMetadataBuilder().setEnv("production").addTags("a b");
    manifest.getSpecBuilder()
        .setEngine(DigitalOceanDatabaseEngine.redis)
        .setEngineVersion("6")
        .setNodeCount(1)
        .setEnablePublicConnectivity(true);

    assertThat(codes(manifest.build()))
        .containsExactly(
            "dbplane.not_highly_available",
            "dbplane.engine_retired",
            "dbplane.public_in_production",
            "dbplane.engine_version_undocumented",
            "dbplane.tags_rewritten");
  }
}
