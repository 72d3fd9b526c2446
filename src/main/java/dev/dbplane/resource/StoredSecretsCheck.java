package dev.dbplane.resource;

import java.util.Optional;
import java.util.UUID;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Refuses to start with a keyset that cannot read the secrets already stored: a wrong or missing key
 * must be a clear start-up error, not jobs failing later or secrets silently lost.
 */
@Component
class StoredSecretsCheck implements ApplicationRunner {

  private final CredentialStore credentials;

  StoredSecretsCheck(CredentialStore credentials) {
    this.credentials = credentials;
  }

  @Override
  public void run(ApplicationArguments args) {
    Optional<UUID> unreadable = credentials.firstUnreadable();
    if (unreadable.isPresent()) {
      throw new IllegalStateException(
          "the configured encryption keyset cannot decrypt the secrets stored in this database (resource "
              + unreadable.get() + "): start the service with the keyset they were encrypted with "
              + "(dbplane.crypto.keyset or dbplane.crypto.keyset-file)");
    }
  }
}
