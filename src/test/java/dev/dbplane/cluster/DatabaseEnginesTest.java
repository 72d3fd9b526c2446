package dev.dbplane.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseClusterSpec;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseEngine;

class DatabaseEnginesTest {

  @ParameterizedTest
  @CsvSource({"postgres,pg", "pg,pg", "mysql,mysql", "redis,redis", "valkey,valkey", "mongodb,mongodb"})
  void engineNameMapsToDigitalOceanSlug(String name, String slug) {
    DigitalOceanDatabaseEngine engine =
        DigitalOceanDatabaseEngine.valueOf(DigitalOceanDatabaseEngine.getDescriptor().findValueByName(name));

    assertThat(DatabaseEngines.slug(engine)).contains(slug);
  }

  @Test
  void pgIsAnAliasOfPostgres() {
    assertThat(DigitalOceanDatabaseEngine.pg).isSameAs(DigitalOceanDatabaseEngine.postgres);
    assertThat(DatabaseEngines.slug(DigitalOceanDatabaseEngine.pg)).contains("pg");
  }

  @Test
  void unspecifiedEngineHasNoSlug() {
    assertThat(DatabaseEngines.slug(DigitalOceanDatabaseEngine.digital_ocean_database_engine_unspecified)).isEmpty();
  }

  @Test
  void unknownEngineNumberHasNoSlug() {
    DigitalOceanDatabaseEngine unknown = DigitalOceanDatabaseClusterSpec.newBuilder().setEngineValue(9).getEngine();

    assertThat(unknown).isEqualTo(DigitalOceanDatabaseEngine.UNRECOGNIZED);
    assertThat(DatabaseEngines.slug(unknown)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "postgres,13", "postgres,17", "postgres,16.4", "mysql,8", "mysql,8.0", "redis,7", "redis,7.2",
    "valkey,8", "mongodb,6", "mongodb,7", "mongodb,8.0"
  })
  void documentedMajorVersionIsRecognisedWithOrWithoutMinor(String engine, String version) {
    assertThat(DatabaseEngines.isDocumentedVersion(DigitalOceanDatabaseEngine.valueOf(engine), version)).isTrue();
  }

  @ParameterizedTest
  @CsvSource({"postgres,12", "postgres,18", "postgres,1", "mysql,5.7", "redis,6", "valkey,7", "mongodb,5", "postgres,016"})
  void otherVersionIsNotDocumented(String engine, String version) {
    assertThat(DatabaseEngines.isDocumentedVersion(DigitalOceanDatabaseEngine.valueOf(engine), version)).isFalse();
  }

  @Test
  void unspecifiedEngineHasNoDocumentedVersion() {
    assertThat(DatabaseEngines.isDocumentedVersion(DigitalOceanDatabaseEngine.digital_ocean_database_engine_unspecified, "16"))
        .isFalse();
    assertThat(DatabaseEngines.documentedVersions(DigitalOceanDatabaseEngine.digital_ocean_database_engine_unspecified)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"postgres|13, 14, 15, 16, 17", "mysql|8", "redis|7", "valkey|8", "mongodb|6, 7, 8"})
  void documentedVersionsAreListedInOrder(String engine, String listed) {
    assertThat(DatabaseEngines.documentedVersions(DigitalOceanDatabaseEngine.valueOf(engine))).isEqualTo(listed);
  }

  @Test
  void onlyDiskEnginesHaveConfigurableStorage() {
    assertThat(DatabaseEngines.hasConfigurableStorage(DigitalOceanDatabaseEngine.postgres)).isTrue();
    assertThat(DatabaseEngines.hasConfigurableStorage(DigitalOceanDatabaseEngine.mysql)).isTrue();
    assertThat(DatabaseEngines.hasConfigurableStorage(DigitalOceanDatabaseEngine.mongodb)).isTrue();
    assertThat(DatabaseEngines.hasConfigurableStorage(DigitalOceanDatabaseEngine.redis)).isFalse();
    assertThat(DatabaseEngines.hasConfigurableStorage(DigitalOceanDatabaseEngine.valkey)).isFalse();
  }
}
