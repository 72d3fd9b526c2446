package dev.dbplane.resource;

import dev.dbplane.audit.AuditLog;
import org.springframework.transaction.annotation.Transactional;

/** Encrypts every stored token and output again under the keyset's current primary key. */
public class SecretReencryption {

  private final CredentialStore credentials;
  private final OutputStore outputs;
  private final AuditLog audit;

  SecretReencryption(CredentialStore credentials, OutputStore outputs, AuditLog audit) {
    this.credentials = credentials;
    this.outputs = outputs;
    this.audit = audit;
  }

  /** @return how many records were encrypted again */
  @Transactional
  public int reencryptAll(String requestedBy) {
    int count = credentials.reencryptAll() + outputs.reencryptAll();
    audit.record(requestedBy, "secrets.reencrypt", null, "re-encrypted " + count + " stored secret record(s) under the primary key");
    return count;
  }
}
