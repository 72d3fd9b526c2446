package dev.dbplane.pulumi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbplane.cluster.ClusterSpec;
import dev.dbplane.engine.EngineFailure;
import dev.dbplane.engine.Secret;
import dev.dbplane.engine.StackEngineException;
import dev.dbplane.engine.StackName;
import dev.dbplane.engine.StackRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A stack's work directory is its own place under the work root, or the run stops before any file is written. */
class StackWorkspaceTest {

  @TempDir Path dir;

  private StackWorkspace workspace(StackName stack) throws IOException, StackEngineException {
    PulumiStackEngine.Settings settings =
        new PulumiStackEngine.Settings(dir.resolve("data/work"), dir.resolve("home"), "file://" + dir.resolve("data/state"), "passphrase",
            "test-passphrase", null, true, Map.of(), Duration.ofMillis(10));
    ClusterSpec spec = new ClusterSpec("orders", "pg", "16", "nyc3", "db-s-2vcpu-4gb", 1, null, null, List.of(), false, stack);
    StackRun run = new StackRun(UUID.randomUUID(), spec, Secret.of("dop_v1_WORKSPACE_TEST"), false, null, event -> {});
    return new StackWorkspace(settings, new CliPulumiCommand("pulumi", dir.resolve("data/runs")), run);
  }

  @Test
  void theWorkDirectoryIsTheStacksOwnPlaceUnderTheRoot() throws Exception {
    workspace(new StackName("acme", "dbplane", "prod.orders-db")).prepare();

    assertThat(dir.resolve("data/work/acme/dbplane/prod.orders-db/Pulumi.yaml")).content().startsWith("name: dbplane\n");
  }

  @ParameterizedTest
  @CsvSource({"..,..,escaped", "acme,..,escaped", "acme,dbplane,..", "acme,dbplane,.", "acme,.,prod", "acme,dbplane,a/../../b",
      "acme,'',prod", "acme,dbplane,prod orders"})
  void aStackWhoseNameLeavesItsPlaceIsRefusedBeforeAnyFileIsWritten(String organization, String project, String stack) throws IOException {
    assertThatThrownBy(() -> workspace(new StackName(organization, project, stack)))
        .isInstanceOfSatisfying(StackEngineException.class, e -> assertThat(e.failure()).isEqualTo(EngineFailure.INTERNAL))
        .hasMessageContaining("no work directory of its own");

    try (Stream<Path> files = Files.walk(dir)) {
      assertThat(files.filter(Files::isRegularFile)).isEmpty();
    }
    assertThat(dir.resolve("data/work")).doesNotExist();
  }

  @Test
  void aStackNameLongerThanPulumiAllowsIsRefused() {
    assertThatThrownBy(() -> workspace(new StackName("acme", "dbplane", "s".repeat(101)))).isInstanceOf(StackEngineException.class);
  }
}
