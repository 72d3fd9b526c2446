package dev.dbplane.pulumi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliPulumiCommandTest {

  @TempDir Path runs;

  @Test
  void theCliGetsAPrivateTempDirectoryOfThisServiceProcess() throws Exception {
    new CliPulumiCommand("pulumi", runs);
    Path own = runs.resolve("tmp").resolve(Long.toString(ProcessHandle.current().pid()));
    assertThat(own).isDirectory();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(own))).isEqualTo("rwx------");
  }

  @Test
  void startUpRemovesTheTempFilesOfServicesThatAreGoneAndKeepsThoseOfLiveOnes() throws Exception {
    // Beyond any kernel's pid_max: a process that cannot be alive.
    Path dead = Files.createDirectories(runs.resolve("tmp/999999999/pulumi-plugin"));
    Files.writeString(dead.resolve("left"), "dop_v1_LEFT_BEHIND");
    Path live = Files.createDirectories(runs.resolve("tmp/" + ProcessHandle.current().pid()));
    Files.writeString(live.resolve("in-use"), "running");

    new CliPulumiCommand("pulumi", runs).cleanUpAfterCrash();

    assertThat(runs.resolve("tmp/999999999")).doesNotExist();
    assertThat(live.resolve("in-use")).exists();
  }
}
