package dev.dbplane.resource;

import dev.dbplane.crypto.SecretBox;
import dev.dbplane.crypto.UnreadableSecretException;
import dev.dbplane.engine.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The DigitalOcean token each resource was submitted with, kept for its later jobs (refresh,
 * destroy) and only ever stored encrypted, bound to its resource.
 */
public final class CredentialStore {

  private final JdbcClient jdbc;
  private final SecretBox box;

  CredentialStore(JdbcClient jdbc, SecretBox box) {
    this.jdbc = jdbc;
    this.box = box;
  }

  /** Stores the token of a resource that has none yet. */
  public void add(UUID resourceId, Secret token, Instant now) {
    jdbc.sql("insert into resource_credentials (resource_id, ciphertext, updated_at) values (?, ?, ?)")
        .params(resourceId.toString(), seal(resourceId, token), now.atOffset(ZoneOffset.UTC))
        .update();
  }

  /** Stores or replaces the token of a resource. */
  public void put(UUID resourceId, Secret token, Instant now) {
    byte[] ciphertext = seal(resourceId, token);
    int updated =
        jdbc.sql("update resource_credentials set ciphertext = ?, updated_at = ? where resource_id = ?")
            .params(ciphertext, now.atOffset(ZoneOffset.UTC), resourceId.toString())
            .update();
    if (updated == 0) {
      add(resourceId, token, now);
    }
  }

  /** Whether the resource holds a token, without opening it. */
  public boolean holds(UUID resourceId) {
    return jdbc.sql("select count(*) from resource_credentials where resource_id = ?").param(resourceId.toString()).query(Long.class).single() > 0;
  }

  public Optional<Secret> get(UUID resourceId) {
    return jdbc.sql("select ciphertext from resource_credentials where resource_id = ?")
        .param(resourceId.toString())
        .query((rs, row) -> rs.getBytes(1))
        .optional()
        .map(ciphertext -> Secret.of(new String(box.open(ciphertext, context(resourceId)), StandardCharsets.UTF_8)));
  }

  /** Opens every stored token and seals it again under the primary key; the count re-encrypted. */
  public int reencryptAll() {
    List<UUID> ids = jdbc.sql("select resource_id from resource_credentials").query((rs, row) -> UUID.fromString(rs.getString(1))).list();
    for (UUID id : ids) {
      get(id).ifPresent(token -> put(id, token, java.time.Instant.now()));
    }
    return ids.size();
  }

  /** A stored token that the keyset cannot open, if the first one looked at is one. */
  public Optional<UUID> firstUnreadable() {
    Optional<UUID> first =
        jdbc.sql("select resource_id from resource_credentials order by updated_at limit 1").query((rs, row) -> UUID.fromString(rs.getString(1))).optional();
    try {
      first.ifPresent(this::get);
      return Optional.empty();
    } catch (UnreadableSecretException e) {
      return first;
    }
  }

  private byte[] seal(UUID resourceId, Secret token) {
    return box.seal(token.reveal().getBytes(StandardCharsets.UTF_8), context(resourceId));
  }

  private static String context(UUID resourceId) {
    // The context names clusters because they were the first kind; sealed records keep it.
    return "cluster-credentials:" + resourceId;
  }
}
