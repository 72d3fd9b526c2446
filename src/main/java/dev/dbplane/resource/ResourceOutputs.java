package dev.dbplane.resource;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The latest stack outputs of a cluster (cluster_id, host, port, database_user, connection_uri,
 * database_password, ...).
 *
 * @param jobId the job that produced them
 * @param secretKeys which outputs are secret
 */
public record ResourceOutputs(UUID jobId, Map<String, String> values, Set<String> secretKeys, Instant updatedAt) {

  public static final String REDACTED = "[REDACTED]";

  /** The outputs with every secret value replaced, as every default answer shows them. */
  public Map<String, String> redacted() {
    Map<String, String> shown = new LinkedHashMap<>();
    values.keySet().stream().sorted().forEach(key -> shown.put(key, secretKeys.contains(key) ? REDACTED : values.get(key)));
    return shown;
  }
}
