package dev.dbplane.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.dbplane.catalog.DatabaseOptions;
import dev.dbplane.resource.Advisory;
import dev.dbplane.resource.Findings;
import dev.dbplane.resource.ResourceTags;
import dev.dbplane.support.Manifests;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
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

  /**
   * The day the advice is judged on: in the snapshot postgres 14's end of life (2026-11-12) is past,
   * 15's (2027-11-11) is 71 days ahead, 16's and 17's are years ahead.
   */
  private static final Instant TODAY = Instant.parse("2027-09-01T00:00:00Z");

  private static List<Advisory> advisories(DigitalOceanDatabaseCluster manifest) {
    return advisories(manifest, "");
  }

  private static List<Advisory> advisories(DigitalOceanDatabaseCluster manifest, String manifestPath) {
    Findings findings = new Findings(manifestPath);
    new Advisories(Clock.fixed(TODAY, ZoneOffset.UTC))
        .check(manifest, ResourceTags.of(manifest.getMetadata(), ClusterKind.NAME), DatabaseOptions.snapshot(), findings);
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

  /** Redis 7, the only version DigitalOcean offers of it, is also past its end of life: two advices. */
  @Test
  void redisIsAdvisedAsRetired() {
    List<Advisory> advisories = advisories(Manifests.withSpec(s -> s.setEngine(DigitalOceanDatabaseEngine.redis).setEngineVersion("7")));

    assertThat(advisories).extracting(Advisory::code).containsExactly("dbplane.engine_retired", "dbplane.catalog.version_end_of_life");
    assertThat(advisories)
        .first()
        .satisfies(
            a -> {
              assertThat(a.field()).isEqualTo("spec.engine");
              assertThat(a.code()).isEqualTo("dbplane.engine_retired");
              assertThat(a.message()).contains("valkey");
            });
  }

  @ParameterizedTest
  @CsvSource({"valkey,8", "postgres,16", "mysql,8", "mongodb,8.0"})
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

  // --- dbplane.catalog.version_end_of_life and version_near_end_of_life

  @Test
  void aVersionPastItsEndOfLifeIsAdvisedWithTheVersionsToMoveTo() {
    assertThat(advisories(Manifests.withSpec(s -> s.setEngineVersion("14"))))
        .singleElement()
        .satisfies(a -> {
          assertThat(a.field()).isEqualTo("spec.engine_version");
          assertThat(a.code()).isEqualTo("dbplane.catalog.version_end_of_life");
          assertThat(a.message()).contains("version 14 of postgres", "2026-11-12").endsWith("move to 16, 17");
        });
  }

  @Test
  void aVersionWithin90DaysOfItsEndOfLifeIsAdvised() {
    assertThat(advisories(Manifests.withSpec(s -> s.setEngineVersion("15"))))
        .singleElement()
        .satisfies(a -> {
          assertThat(a.code()).isEqualTo("dbplane.catalog.version_near_end_of_life");
          assertThat(a.message()).contains("version 15 of postgres reaches its end of life on 2027-11-11").endsWith("move to 16, 17");
        });
  }

  @ParameterizedTest
  @CsvSource({"postgres,16", "postgres,17", "mysql,8", "valkey,8", "mongodb,8.0"})
  void aVersionFarFromOrWithoutAnEndOfLifeGetsNoVersionAdvice(String engine, String version) {
    assertThat(specCodes(s -> s.setEngine(DigitalOceanDatabaseEngine.valueOf(engine)).setEngineVersion(version)))
        .doesNotContain("dbplane.catalog.version_end_of_life", "dbplane.catalog.version_near_end_of_life");
  }

  @Test
  void aVersionNotOfferedIsAViolationNotAnAdvice() {
    assertThat(specCodes(s -> s.setEngineVersion("12"))).isEmpty();
  }

  @Test
  void unknownOrUnspecifiedEngineGetsNoVersionAdvice() {
    assertThat(specCodes(s -> s.setEngineValue(9).setEngineVersion("14"))).isEmpty();
    assertThat(specCodes(s -> s.clearEngine().setEngineVersion("14"))).isEmpty();
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
        .setEngineVersion("7")
        .setNodeCount(1)
        .setEnablePublicConnectivity(true);

    assertThat(codes(manifest.build()))
        .containsExactly(
            "dbplane.not_highly_available",
            "dbplane.engine_retired",
            "dbplane.public_in_production",
            "dbplane.catalog.version_end_of_life",
            "dbplane.tags_rewritten");
  }
}
