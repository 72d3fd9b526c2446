package dev.dbplane.user.program;

import static dev.dbplane.support.ResourceMocks.isSecret;
import static dev.dbplane.support.ResourceMocks.value;
import static org.assertj.core.api.Assertions.assertThat;

import com.pulumi.test.Mocks;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestResult;
import dev.dbplane.digitalocean.DigitalOceanApi;
import dev.dbplane.engine.Secret;
import dev.dbplane.engine.StackName;
import dev.dbplane.support.FakeDigitalOceanApi;
import dev.dbplane.support.ResourceMocks;
import dev.dbplane.user.UserKind;
import dev.dbplane.user.UserSpec;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/** The user's inline program under Pulumi's own mocks: the inputs it sends and the outputs it exports. */
@Isolated
class UserProgramTest {

  private static final String TOKEN = "dop_v1_PROGRAM_TOKEN";
  private static final String CLUSTER_ID = "9cc10173-e9ea-4176-9dbc-a4cee4c4ff30";
  private static final StackName STACK = new StackName("acme", "dbplane", "prod.app-user");
  private static final UserSpec SPEC = new UserSpec(CLUSTER_ID, "app", null, STACK);

  private static ResourceMocks mocks() {
    return new ResourceMocks(DatabaseUser.TYPE, CLUSTER_ID + "/user/app",
        Map.of("clusterId", CLUSTER_ID, "name", "app", "role", "normal", "password", "pw-secret"));
  }

  @AfterEach
  void cleanup() {
    PulumiTest.cleanup();
  }

  @Test
  void theUserGetsItsClusterItsNameAndItsAuthPlugin() {
    ResourceMocks mocks = mocks();
    mocks.run(new UserProgram(new UserSpec(CLUSTER_ID, "app", "mysql_native_password", STACK), Secret.of(TOKEN), null));
    Mocks.ResourceArgs user = mocks.only(DatabaseUser.TYPE);
    assertThat(user.name).isEqualTo(UserProgram.USER_NAME);
    assertThat(user.inputs).containsOnly(
        Map.entry("clusterId", CLUSTER_ID), Map.entry("name", "app"), Map.entry("mysqlAuthPlugin", "mysql_native_password"));
    assertThat(user.provider).contains("pulumi:providers:digitalocean::digitalocean");
  }

  @Test
  void noAuthPluginIsSentForTheEnginesDefault() {
    ResourceMocks mocks = mocks();
    mocks.run(new UserProgram(SPEC, Secret.of(TOKEN), null));
    assertThat(mocks.only(DatabaseUser.TYPE).inputs).doesNotContainKey("mysqlAuthPlugin");
  }

  @Test
  void theProviderIsExplicitAndHoldsTheTokenAndTheApiEndpoint() {
    ResourceMocks mocks = mocks();
    mocks.run(new UserProgram(SPEC, Secret.of(TOKEN), "http://127.0.0.1:8089"));
    assertThat(mocks.provider().inputs)
        .containsEntry("token", TOKEN)
        .containsEntry("apiEndpoint", "http://127.0.0.1:8089");
  }

  @Test
  void theProgramExportsTheOutputsWithThePasswordAsASecret() {
    TestResult result = mocks().run(new UserProgram(SPEC, Secret.of(TOKEN), null));
    assertThat(result.outputs()).containsOnlyKeys(UserKind.OUTPUTS.all());
    assertThat(value(result, "id")).isEqualTo(CLUSTER_ID + "/user/app");
    assertThat(value(result, "name")).isEqualTo("app");
    assertThat(value(result, "role")).isEqualTo("normal");
    assertThat(value(result, "password")).isEqualTo("pw-secret");
    for (String name : UserKind.OUTPUTS.all()) {
      assertThat(isSecret(result.outputs().get(name))).as(name).isEqualTo(UserKind.OUTPUTS.secrets().contains(name));
    }
  }

  @Test
  void theProgramKeepsWhatItExportsForTheEngine() {
    UserProgram program = new UserProgram(SPEC, Secret.of(TOKEN), null);
    assertThat(program.outputs()).isEmpty();
    mocks().run(program);
    assertThat(program.outputs()).contains(Map.of("id", CLUSTER_ID + "/user/app", "name", "app", "role", "normal", "password", "pw-secret"));
    assertThat(program.outputs().orElseThrow().keySet()).containsExactlyElementsOf(UserProgram.EXPORTED_PROPERTIES.keySet());
  }

  @Test
  void anInterruptedCreateIsFoundAtDigitalOceanAsTheProviderIdsIt() {
    try (FakeDigitalOceanApi digitalocean = FakeDigitalOceanApi.having("/v2/databases/" + CLUSTER_ID + "/users/app")) {
      UserPrograms programs = new UserPrograms(digitalocean.api());
      assertThat(programs.existingId(SPEC, Secret.of(TOKEN))).contains(CLUSTER_ID + "/user/app");
      assertThat(programs.existingId(new UserSpec(CLUSTER_ID, "other", null, STACK), Secret.of(TOKEN))).isEmpty();
      assertThat(digitalocean.asked()).containsExactly("/v2/databases/" + CLUSTER_ID + "/users/app", "/v2/databases/" + CLUSTER_ID + "/users/other");
    }
  }

  @Test
  void theEngineReadsTheUsersOutputsFromTheProperties() {
    UserPrograms programs = new UserPrograms(new DigitalOceanApi(null));
    assertThat(programs.specType()).isEqualTo(UserSpec.TYPE);
    assertThat(programs.resourceType()).isEqualTo(DatabaseUser.TYPE);
    assertThat(programs.exportedProperties())
        .containsExactly(Map.entry("id", "id"), Map.entry("name", "name"), Map.entry("role", "role"), Map.entry("password", "password"));
    assertThat(programs.secretOutputs()).containsExactly("password");
  }
}
