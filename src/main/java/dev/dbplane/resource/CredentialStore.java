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

  /** Stores the token of a cluster that has none yet. */
  public void add(UUID clusterId, Secret token, Instant now) {
    jdbc.sql("insert into cluster_credentials (cluster_id, ciphertext, updated_at) values (?, ?, ?)")
        .params(clusterId.toString(), seal(clusterId, token), now.atOffset(ZoneOffset.UTC))
        .update();
  }

  /** Stores or replaces the token of a cluster. */
  public void put(UUID clusterId, Secret token, Instant now) {
    byte[] ciphertext = seal(clusterId, token);
    int updated =
        jdbc.sql("update cluster_credentials set ciphertext = ?, updated_at = ? where cluster_id = ?")
            .params(ciphertext, now.atOffset(ZoneOffset.UTC), clusterId.toString())
            .update();
    if (updated == 0) {
      add(clusterId, token, now);
    }
  }

  /** Whether the cluster holds a token, without opening it. */
  public boolean holds(UUID clusterId) {
    return jdbc.sql("select count(*) from cluster_credentials where cluster_id = ?").param(clusterId.toString()).query(Long.class).single() > 0;
  }

  public Optional<Secret> get(UUID clusterId) {
    return jdbc.sql("select ciphertext from cluster_credentials where cluster_id = ?")
        .param(clusterId.toString())
        .query((rs, row) -> rs.getBytes(1))
        .optional()
        .map(ciphertext -> Secret.of(new String(box.open(ciphertext, context(clusterId)), StandardCharsets.UTF_8)));
  }

  /** Opens every stored token and seals it again under the primary key; the count re-encrypted. */
  public int reencryptAll() {
    List<UUID> ids = jdbc.sql("select cluster_id from cluster_credentials").query((rs, row) -> UUID.fromString(rs.getString(1))).list();
    for (UUID id : ids) {
      get(id).ifPresent(token -> put(id, token, java.time.Instant.now()));
    }
    return ids.size();
  }

  /** A stored token that the keyset cannot open, if the first one looked at is one. */
  public Optional<UUID> firstUnreadable() {
    Optional<UUID> first =
        jdbc.sql("select cluster_id from cluster_credentials order by updated_at limit 1").query((rs, row) -> UUID.fromString(rs.getString(1))).optional();
    try {
      first.ifPresent(this::get);
      return Optional.empty();
    } catch (UnreadableSecretException e) {
      return first;
    }
  }

  private byte[] seal(UUID clusterId, Secret token) {
    return box.seal(token.reveal().getBytes(StandardCharsets.UTF_8), context(clusterId));
  }

  private static String context(UUID clusterId) {
    return "cluster-credentials:" + clusterId;
  }
}
