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

  @Test
  void onlyDiskEnginesHaveConfigurableStorage() {
    assertThat(DatabaseEngines.hasConfigurableStorage(DigitalOceanDatabaseEngine.postgres)).isTrue();
    assertThat(DatabaseEngines.hasConfigurableStorage(DigitalOceanDatabaseEngine.mysql)).isTrue();
    assertThat(DatabaseEngines.hasConfigurableStorage(DigitalOceanDatabaseEngine.mongodb)).isTrue();
    assertThat(DatabaseEngines.hasConfigurableStorage(DigitalOceanDatabaseEngine.redis)).isFalse();
    assertThat(DatabaseEngines.hasConfigurableStorage(DigitalOceanDatabaseEngine.valkey)).isFalse();
  }
}
