package dev.dbplane.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.dbplane.catalog.DatabaseCatalog;
import dev.dbplane.catalog.DatabaseOptions;
import dev.dbplane.catalog.EngineOptions;
import dev.dbplane.catalog.EngineVersion;
import dev.dbplane.catalog.NodeLayout;
import dev.dbplane.resource.Findings;
import dev.dbplane.resource.Violation;
import dev.dbplane.support.Manifests;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.project_planton.provider.digitalocean.DigitalOceanRegion;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseClusterSpec;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseEngine;

class CatalogRulesTest {

  private static final DatabaseOptions SNAPSHOT = DatabaseCatalog.snapshot().current().options();

  private static List<Violation> violations(DatabaseOptions options, Consumer<DigitalOceanDatabaseClusterSpec.Builder> change) {
    DigitalOceanDatabaseClusterSpec.Builder spec = Manifests.validSpec();
    change.accept(spec);
    Findings findings = new Findings("");
    CatalogRules.checkOffered(spec.build(), options, findings);
    assertThat(findings.advisories()).isEmpty();
    return findings.violations();
  }

  private static List<Violation> violations(Consumer<DigitalOceanDatabaseClusterSpec.Builder> change) {
    return violations(SNAPSHOT, change);
  }

  @ParameterizedTest
  @CsvSource({"postgres,16,db-s-2vcpu-4gb,3", "postgres,13,db-s-1vcpu-1gb,1", "mysql,8,gd-2vcpu-8gb,2", "valkey,8,m-2vcpu-16gb,3",
      "mongodb,8.0,db-s-1vcpu-1gb,3", "redis,7,db-s-1vcpu-2gb,1"})
  void whatDigitalOceanOffersBreaksNoCatalogRule(String engine, String version, String size, int nodes) {
    assertThat(violations(s -> s.setEngine(DigitalOceanDatabaseEngine.valueOf(engine)).setEngineVersion(version).setSizeSlug(size)
        .setNodeCount(nodes))).isEmpty();
  }

  @Test
  void aVersionNotOfferedIsRefusedWithTheVersionsThatAre() {
    assertThat(violations(s -> s.setEngineVersion("12")))
        .extracting(Violation::field, Violation::rule, Violation::message)
        .containsExactly(tuple("spec.engine_version", "dbplane.catalog.version_not_offered",
            "DigitalOcean does not offer version 12 of postgres; it offers 13, 14, 15, 16, 17"));
  }

  /** DigitalOcean names MongoDB's versions with their minor: 8.0, not 8. */
  @Test
  void aVersionIsOfferedOnlyAsDigitalOceanNamesIt() {
    assertThat(violations(s -> s.setEngine(DigitalOceanDatabaseEngine.mongodb).setEngineVersion("8")))
        .extracting(Violation::rule, Violation::message)
        .containsExactly(tuple("dbplane.catalog.version_not_offered", "DigitalOcean does not offer version 8 of mongodb; it offers 6.0, 7.0, 8.0"));
  }

  @Test
  void aSizeOfferedOnlyWithOneNodeIsRefusedWithThreeAndTheSizesThatAreSaid() {
    List<Violation> violations = violations(s -> s.setSizeSlug("db-s-1vcpu-1gb").setNodeCount(3));

    assertThat(violations).extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("spec.size_slug", "dbplane.catalog.size_not_offered"));
    assertThat(violations.get(0).message())
        .startsWith("DigitalOcean offers size db-s-1vcpu-1gb for postgres only with 1 node; with 3 nodes it offers db-s-1vcpu-2gb, db-s-2vcpu-4gb,");
  }

  @Test
  void aSizeTheEngineDoesNotOfferAtAllIsRefused() {
    assertThat(violations(s -> s.setEngine(DigitalOceanDatabaseEngine.valkey).setEngineVersion("8").setSizeSlug("gd-2vcpu-8gb")))
        .singleElement()
        .satisfies(v -> {
          assertThat(v.rule()).isEqualTo("dbplane.catalog.size_not_offered");
          assertThat(v.message()).startsWith("DigitalOcean does not offer size gd-2vcpu-8gb for valkey; with 3 nodes it offers ")
              .contains("m-2vcpu-16gb");
        });
  }

  @Test
  void aNodeCountWithoutALayoutIsRefusedWithTheCountsThatHaveOne() {
    assertThat(violations(s -> s.setEngine(DigitalOceanDatabaseEngine.mongodb).setEngineVersion("8.0").setNodeCount(2)))
        .extracting(Violation::rule, Violation::message)
        .containsExactly(tuple("dbplane.catalog.size_not_offered", "DigitalOcean does not offer mongodb with 2 nodes; it does with 1, 3"));
  }

  @Test
  void aRegionNotOfferedIsRefusedWithTheRegionsThatAre() {
    DatabaseOptions inTwoRegions = new DatabaseOptions(List.of(new EngineOptions("pg", List.of(new EngineVersion("16", null, null)),
        List.of("ams3", "fra1"), List.of(new NodeLayout(3, List.of("db-s-2vcpu-4gb"))))));

    assertThat(violations(inTwoRegions, s -> s.setRegion(DigitalOceanRegion.nyc3)))
        .extracting(Violation::field, Violation::rule, Violation::message)
        .containsExactly(tuple("spec.region", "dbplane.catalog.region_not_offered", "DigitalOcean does not offer postgres in nyc3; it does in ams3, fra1"));
    assertThat(violations(inTwoRegions, s -> s.setRegion(DigitalOceanRegion.fra1))).isEmpty();
  }

  @Test
  void anEngineTheCatalogLacksIsOfferedNothing() {
    DatabaseOptions pgOnly = new DatabaseOptions(List.of(SNAPSHOT.engine("pg").orElseThrow()));

    assertThat(violations(pgOnly, s -> s.setEngine(DigitalOceanDatabaseEngine.mysql).setEngineVersion("8")))
        .extracting(Violation::rule, Violation::message)
        .containsExactly(
            tuple("dbplane.catalog.version_not_offered", "DigitalOcean does not offer version 8 of mysql; it offers none"),
            tuple("dbplane.catalog.region_not_offered", "DigitalOcean does not offer mysql in nyc3; it does in none"),
            tuple("dbplane.catalog.size_not_offered", "DigitalOcean does not offer mysql with 3 nodes; it does with none"));
  }

  /** Blank, malformed or unknown values are other rules' to report, once. */
  @Test
  void whatOtherRulesRefuseIsNotJudgedByTheCatalog() {
    assertThat(violations(s -> s.setEngineVersion("v16").setSizeSlug("large").setRegionValue(99))).isEmpty();
    assertThat(violations(s -> s.setEngineVersion("").setSizeSlug("").clearRegion().setNodeCount(0))).isEmpty();
    assertThat(violations(s -> s.setEngineValue(9).setEngineVersion("1"))).isEmpty();
  }
}
