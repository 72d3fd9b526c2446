package dev.dbplane.db.program;

import static dev.dbplane.support.ResourceMocks.isSecret;
import static dev.dbplane.support.ResourceMocks.value;
import static org.assertj.core.api.Assertions.assertThat;

import com.pulumi.test.Mocks;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestResult;
import dev.dbplane.db.DbKind;
import dev.dbplane.db.DbSpec;
import dev.dbplane.digitalocean.DigitalOceanApi;
import dev.dbplane.engine.Secret;
import dev.dbplane.engine.StackName;
import dev.dbplane.support.FakeDigitalOceanApi;
import dev.dbplane.support.ResourceMocks;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/** The database's inline program under Pulumi's own mocks: the inputs it sends and the outputs it exports. */
@Isolated
class DbProgramTest {

  private static final String TOKEN = "dop_v1_PROGRAM_TOKEN";
  private static final String CLUSTER_ID = "9cc10173-e9ea-4176-9dbc-a4cee4c4ff30";
  private static final DbSpec SPEC = new DbSpec(CLUSTER_ID, "app", new StackName("acme", "dbplane", "prod.app-db"));

  private static ResourceMocks mocks() {
    return new ResourceMocks(DatabaseDb.TYPE, CLUSTER_ID + "/database/app", Map.of("clusterId", CLUSTER_ID, "name", "app"));
  }

  @AfterEach
  void cleanup() {
    PulumiTest.cleanup();
  }

  @Test
  void theDatabaseGetsItsClusterAndItsName() {
    ResourceMocks mocks = mocks();
    mocks.run(new DbProgram(SPEC, Secret.of(TOKEN), null));
    Mocks.ResourceArgs database = mocks.only(DatabaseDb.TYPE);
    assertThat(database.name).isEqualTo(DbProgram.DATABASE_NAME);
    assertThat(database.inputs).containsOnly(Map.entry("clusterId", CLUSTER_ID), Map.entry("name", "app"));
    assertThat(database.provider).contains("pulumi:providers:digitalocean::digitalocean");
  }

  @Test
  void theProviderIsExplicitAndHoldsTheTokenAndTheApiEndpoint() {
    ResourceMocks mocks = mocks();
    mocks.run(new DbProgram(SPEC, Secret.of(TOKEN), "http://127.0.0.1:8089"));
    assertThat(mocks.provider().inputs)
        .containsEntry("token", TOKEN)
        .containsEntry("apiEndpoint", "http://127.0.0.1:8089");
  }

  @Test
  void theProgramExportsTheIdAndTheNameAndNothingSecret() {
    TestResult result = mocks().run(new DbProgram(SPEC, Secret.of(TOKEN), null));
    assertThat(result.outputs()).containsOnlyKeys(DbKind.OUTPUTS.all());
    assertThat(value(result, "id")).isEqualTo(CLUSTER_ID + "/database/app");
    assertThat(value(result, "name")).isEqualTo("app");
    for (String name : DbKind.OUTPUTS.all()) {
      assertThat(isSecret(result.outputs().get(name))).as(name).isFalse();
    }
  }

  @Test
  void theProgramKeepsWhatItExportsForTheEngine() {
    DbProgram program = new DbProgram(SPEC, Secret.of(TOKEN), null);
    assertThat(program.outputs()).isEmpty();
    mocks().run(program);
    assertThat(program.outputs()).contains(Map.of("id", CLUSTER_ID + "/database/app", "name", "app"));
    assertThat(program.outputs().orElseThrow().keySet()).containsExactlyElementsOf(DbProgram.EXPORTED_PROPERTIES.keySet());
  }

  @Test
  void anInterruptedCreateIsFoundAtDigitalOceanAsTheProviderIdsIt() {
    try (FakeDigitalOceanApi digitalocean = FakeDigitalOceanApi.having("/v2/databases/" + CLUSTER_ID + "/dbs/app")) {
      DbPrograms programs = new DbPrograms(digitalocean.api());
      assertThat(programs.existingId(SPEC, Secret.of(TOKEN))).contains(CLUSTER_ID + "/database/app");
      assertThat(programs.existingId(new DbSpec(CLUSTER_ID, "other", SPEC.stack()), Secret.of(TOKEN))).isEmpty();
      assertThat(digitalocean.asked()).containsExactly("/v2/databases/" + CLUSTER_ID + "/dbs/app", "/v2/databases/" + CLUSTER_ID + "/dbs/other");
    }
  }

  @Test
  void theEngineReadsTheDatabasesOutputsFromTheProperties() {
    DbPrograms programs = new DbPrograms(new DigitalOceanApi(null));
    assertThat(programs.specType()).isEqualTo(DbSpec.TYPE);
    assertThat(programs.resourceType()).isEqualTo(DatabaseDb.TYPE);
    assertThat(programs.exportedProperties()).containsExactly(Map.entry("id", "id"), Map.entry("name", "name"));
    assertThat(programs.secretOutputs()).isEmpty();
  }
}
