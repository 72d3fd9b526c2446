package dev.dbplane.pulumi;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Whether the pinned DigitalOcean provider plugin is where the engine will look for it: installed
 * in this service's {@code PULUMI_HOME}, or on PATH when ambient plugins are allowed. The engine
 * never downloads it, so a missing plugin is told at once, with the command that installs it.
 */
final class ProviderPlugin {

  static final String NAME = "digitalocean";
  private static final String BINARY = "pulumi-resource-" + NAME;

  private final Path pulumiHome;
  private final boolean ambientAllowed;

  ProviderPlugin(Path pulumiHome, boolean ambientAllowed) {
    this.pulumiHome = pulumiHome;
    this.ambientAllowed = ambientAllowed;
  }

  /** Where the plugin is; empty when the engine would not find it. */
  Optional<Path> location() {
    Path installed = pulumiHome.resolve("plugins").resolve("resource-" + NAME + "-v" + DigitalOceanProvider.VERSION).resolve(BINARY);
    if (Files.isExecutable(installed)) {
      return Optional.of(installed);
    }
    if (!ambientAllowed) {
      return Optional.empty();
    }
    String path = System.getenv("PATH");
    return path == null ? Optional.empty()
        : Stream.of(path.split(File.pathSeparator)).map(dir -> Path.of(dir, BINARY)).filter(Files::isExecutable).findFirst();
  }

  /** What is missing and how to install it, for people. */
  String missing() {
    return "the DigitalOcean provider plugin v" + DigitalOceanProvider.VERSION + " is not installed in " + pulumiHome
        + ": run 'PULUMI_HOME=" + pulumiHome + " pulumi plugin install resource " + NAME + " " + DigitalOceanProvider.VERSION + "'"
        + " (with '--file <plugin binary>' where it cannot be downloaded)";
  }

  String version() {
    return NAME + " v" + DigitalOceanProvider.VERSION;
  }
}
