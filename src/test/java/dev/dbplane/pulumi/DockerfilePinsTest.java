package dev.dbplane.pulumi;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulumi.automation.Version;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What can be checked of the image without building it (no Docker engine runs here): the versions it
 * pins are the ones the code is written for, and it runs as it should.
 */
class DockerfilePinsTest {

  private static String dockerfile;

  @BeforeAll
  static void read() throws IOException {
    dockerfile = Files.readString(Path.of("Dockerfile"));
  }

  private static String arg(String name) {
    Matcher m = Pattern.compile("(?m)^ARG " + name + "=(\\S+)$").matcher(dockerfile);
    assertThat(m.find()).as("ARG " + name).isTrue();
    return m.group(1);
  }

  @Test
  void theProviderPluginIsTheVersionTheBindingsAreWrittenFor() {
    assertThat(arg("DIGITALOCEAN_PROVIDER_VERSION")).isEqualTo(DigitalOceanProvider.VERSION);
  }

  @Test
  void thePulumiCliIsOneTheEngineAccepts() {
    assertThat(Version.parse(arg("PULUMI_VERSION")).isHigherThanOrEquivalentTo(CliPulumiCommand.MINIMUM_VERSION)).isTrue();
  }

  /** The image ships the CLI the real-engine tests build and prove, not another. */
  @Test
  void thePulumiCliIsTheOneTheRealEngineTestsProve() throws IOException {
    String toolchain = Files.readString(Path.of("sandbox", "toolchain", "go.mod"));
    Matcher pinned = Pattern.compile("github.com/pulumi/pulumi/pkg/v3 v([0-9.]+)").matcher(toolchain);
    assertThat(pinned.find()).as("the CLI pinned in sandbox/toolchain/go.mod").isTrue();
    assertThat(arg("PULUMI_VERSION")).isEqualTo(pinned.group(1));
  }

  @Test
  void theRuntimeRunsAsNonRootUnderAnInitWithAHealthCheckAndADataVolume() {
    String runtime = dockerfile.substring(dockerfile.lastIndexOf("\nFROM "));
    assertThat(runtime).contains("\nUSER dbplane\n").contains("ENTRYPOINT [\"/usr/bin/tini\", \"--\"").contains("HEALTHCHECK")
        .contains("VOLUME /var/lib/dbplane/data").contains("DBPLANE_PULUMI_HOME=/var/lib/dbplane/pulumi-home");
    assertThat(runtime).doesNotContain("\nUSER root");
  }
}
