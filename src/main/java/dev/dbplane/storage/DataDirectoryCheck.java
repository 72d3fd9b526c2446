package dev.dbplane.storage;

import dev.dbplane.config.DbplaneProperties;
import dev.dbplane.crypto.LocalSecretFiles;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Before any bean touches a file: the data directory, the file state backend and the embedded
 * database's directory exist, belong to their owner only, and can be written; otherwise the service
 * does not start, and says which path and why. A service that started on a read-only directory would
 * report itself up and then fail every write (H2 opens a file it cannot write read-only).
 */
final class DataDirectoryCheck implements BeanFactoryPostProcessor {

  private static final Logger log = LoggerFactory.getLogger(DataDirectoryCheck.class);
  /** An embedded H2 database in a file: {@code jdbc:h2:file:<path>} or {@code jdbc:h2:<path>}, not in memory or on a server. */
  private static final Pattern H2_FILE = Pattern.compile("^jdbc:h2:(?:file:)?(?!mem:|tcp:|ssl:|zip:)([^;]+)");

  private final Environment environment;

  DataDirectoryCheck(Environment environment) {
    this.environment = environment;
  }

  @Override
  public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
    DbplaneProperties properties = Binder.get(environment).bindOrCreate("dbplane", DbplaneProperties.class);
    List<Path> directories = new ArrayList<>();
    directories.add(properties.dataDir().toAbsolutePath());
    String backend = properties.pulumi().effectiveBackendUrl(properties.dataDir());
    if (backend.startsWith("file://")) {
      directories.add(Path.of(backend.substring("file://".length())));
    }
    Optional<Path> database = h2File(environment.getProperty("spring.datasource.url", ""));
    database.ifPresent(file -> directories.add(file.getParent()));
    for (Path directory : directories) {
      writable(directory);
    }
    ownerOnlyFiles(properties.dataDir().toAbsolutePath());
    database.ifPresent(DataDirectoryCheck::ownerOnly);
  }

  /** The files the service keeps in the data directory itself (keyset, passphrase, first admin key), as an older version left them. */
  private static void ownerOnlyFiles(Path dataDir) {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dataDir, Files::isRegularFile)) {
      for (Path file : files) {
        LocalSecretFiles.file(file);
      }
    } catch (IOException e) {
      throw refuse(dataDir, e);
    }
  }

  static Optional<Path> h2File(String url) {
    Matcher h2 = H2_FILE.matcher(url);
    return h2.find() ? Optional.of(Path.of(h2.group(1).replaceFirst("^~", System.getProperty("user.home"))).toAbsolutePath())
        : Optional.empty();
  }

  private static void writable(Path directory) {
    try {
      LocalSecretFiles.directory(directory);
      Files.delete(Files.createTempFile(directory, ".writable-", ".probe"));
    } catch (IOException | SecurityException e) {
      throw refuse(directory, e);
    }
  }

  /** The database's files, and a new database's main file before H2 makes it with the default permissions. */
  private static void ownerOnly(Path database) {
    Path main = database.resolveSibling(database.getFileName() + ".mv.db");
    try {
      LocalSecretFiles.file(main);
      try (DirectoryStream<Path> files = Files.newDirectoryStream(database.getParent(), database.getFileName() + ".*")) {
        for (Path file : files) {
          LocalSecretFiles.file(file);
        }
      }
    } catch (IOException e) {
      throw refuse(main, e);
    }
    if (!Files.isWritable(main)) {
      throw refuse(main, new IOException("the file is read-only"));
    }
  }

  private static IllegalStateException refuse(Path path, Exception cause) {
    String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getClass().getSimpleName() + ": " + cause.getMessage();
    String message = "cannot start: " + path + " cannot be written by this user (" + reason
        + "); fix its owner or permissions, or point dbplane.data-dir (DBPLANE_DATA_DIR) elsewhere";
    log.error(message);
    return new IllegalStateException(message, cause);
  }
}
