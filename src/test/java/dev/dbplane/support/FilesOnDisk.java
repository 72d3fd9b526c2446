package dev.dbplane.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Searches what is left on disk for secrets, as an attacker with the disk would. */
public final class FilesOnDisk {

  private FilesOnDisk() {}

  /**
   * Regular files under {@code root} changed since {@code since} that hold any of the markers. Files
   * that vanish or cannot be read while the walk passes (other processes' temp files) are skipped,
   * and so are this project's test sources and their classes in any checkout (a temp directory may
   * hold one), which define the markers; everything else is read whole.
   */
  public static List<String> holding(List<String> markers, Path root, Instant since) throws IOException {
    List<String> found = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return found;
    }
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
        if (!attributes.isRegularFile() || attributes.size() > 64 * 1024 * 1024
            || attributes.lastModifiedTime().toInstant().isBefore(since) || definesMarkers(file)) {
          return FileVisitResult.CONTINUE;
        }
        try {
          String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
          markers.stream().filter(text::contains).findFirst().ifPresent(marker -> found.add(file + " holds a secret"));
        } catch (IOException e) {
          // gone, or another user's
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) {
        return FileVisitResult.CONTINUE;
      }
    });
    return found;
  }

  private static boolean definesMarkers(Path file) {
    String path = file.toString();
    return path.contains("/src/test/java/dev/dbplane/") || path.contains("/target/test-classes/dev/dbplane/");
  }
}
