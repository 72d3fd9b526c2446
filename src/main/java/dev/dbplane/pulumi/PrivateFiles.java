package dev.dbplane.pulumi;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Files and directories of the engine that may hold secrets for a moment: the owner's only. */
final class PrivateFiles {

  private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  private static final Set<PosixFilePermission> OWNER_RWX = PosixFilePermissions.fromString("rwx------");

  static final FileAttribute<?>[] OWNER_ONLY_FILE =
      POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
          : new FileAttribute<?>[0];

  private PrivateFiles() {}

  /** Makes {@code directory} (and its parents) and leaves it readable by the owner only. */
  static Path directory(Path directory) throws IOException {
    Files.createDirectories(directory);
    if (POSIX) {
      Files.setPosixFilePermissions(directory, OWNER_RWX);
    }
    return directory;
  }

  static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // Removed at the next start-up.
    }
  }
}
