package dev.dbplane.resource;

import dev.dbplane.crypto.SecretBox;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The latest outputs of each resource, stored once and encrypted as a whole, bound to the resource;
 * the plain columns hold only the names of the outputs and of the secret ones.
 */
public final class OutputStore {

  private static final TypeReference<Map<String, String>> VALUES = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final SecretBox box;
  private final JsonMapper json;

  OutputStore(JdbcClient jdbc, SecretBox box, JsonMapper json) {
    this.jdbc = jdbc;
    this.box = box;
    this.json = json;
  }

  public void put(UUID resourceId, UUID jobId, Map<String, String> values, Set<String> secretKeys, Instant now) {
    byte[] ciphertext = box.seal(json.writeValueAsBytes(new TreeMap<>(values)), context(resourceId));
    String keys = String.join(",", new TreeMap<>(values).keySet());
    String secrets = secretKeys.stream().sorted().collect(Collectors.joining(","));
    remove(resourceId);
    jdbc.sql(
            """
            insert into resource_outputs (resource_id, job_id, ciphertext, output_keys, secret_keys, updated_at)
            values (?, ?, ?, ?, ?, ?)
            """)
        .params(resourceId.toString(), jobId.toString(), ciphertext, keys, secrets, now.atOffset(ZoneOffset.UTC))
        .update();
  }

  /** The resource is gone: what it had (host, password) is of no use and no longer kept. */
  public void remove(UUID resourceId) {
    jdbc.sql("delete from resource_outputs where resource_id = ?").param(resourceId.toString()).update();
  }

  public Optional<ResourceOutputs> get(UUID resourceId) {
    return jdbc.sql("select job_id, ciphertext, secret_keys, updated_at from resource_outputs where resource_id = ?")
        .param(resourceId.toString())
        .query(
            (rs, row) ->
                new ResourceOutputs(
                    UUID.fromString(rs.getString("job_id")),
                    json.readValue(box.open(rs.getBytes("ciphertext"), context(resourceId)), VALUES),
                    Arrays.stream(rs.getString("secret_keys").split(",")).filter(s -> !s.isEmpty()).collect(Collectors.toSet()),
                    rs.getObject("updated_at", OffsetDateTime.class).toInstant()))
        .optional();
  }

  /** Opens every stored output record and seals it again under the primary key; the count re-encrypted. */
  public int reencryptAll() {
    List<UUID> ids = jdbc.sql("select resource_id from resource_outputs").query((rs, row) -> UUID.fromString(rs.getString(1))).list();
    for (UUID id : ids) {
      ResourceOutputs stored = get(id).orElseThrow();
      byte[] ciphertext = box.seal(json.writeValueAsBytes(new TreeMap<>(stored.values())), context(id));
      jdbc.sql("update resource_outputs set ciphertext = ? where resource_id = ?").params(ciphertext, id.toString()).update();
    }
    return ids.size();
  }

  private static String context(UUID resourceId) {
    // The context names clusters because they were the first kind; sealed records keep it.
    return "cluster-outputs:" + resourceId;
  }
}
