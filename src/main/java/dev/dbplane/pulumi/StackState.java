package dev.dbplane.pulumi;

import com.pulumi.automation.StackDeployment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a stack's exported state says, read from the deployment as the CLI exports it (secrets in
 * plain text, so this is held in memory only): the cluster as DigitalOcean last reported it, and
 * the creates an interrupted run left pending.
 */
final class StackState {

  /** How the exported state marks a secret value; its plain text is JSON under "plaintext". */
  private static final String SECRET_SIGNATURE = "4dabf18193072939515e22adb298388d";

  private final Map<String, Object> deployment;

  private StackState(Map<String, Object> deployment) {
    this.deployment = deployment;
  }

  static StackState of(StackDeployment exported) {
    return new StackState(exported.deployment() == null ? Map.of() : exported.deployment());
  }

  /** A resource whose create was under way when its run was interrupted. */
  record PendingCreate(String urn, String type, @Nullable String name) {}

  /** The outputs of the stack's cluster, named as the program exports them; empty when there is none. */
  record ClusterOutputs(Map<String, String> values, Set<String> secrets) {}

  Optional<ClusterOutputs> cluster() {
    for (Map<String, Object> resource : list(deployment.get("resources"))) {
      if (DatabaseCluster.TYPE.equals(resource.get("type")) && !Boolean.TRUE.equals(resource.get("delete"))) {
        return Optional.of(outputs(map(resource.get("outputs"))));
      }
    }
    return Optional.empty();
  }

  List<PendingCreate> pendingCreates() {
    List<PendingCreate> pending = new ArrayList<>();
    for (Map<String, Object> operation : list(deployment.get("pending_operations"))) {
      Map<String, Object> resource = map(operation.get("resource"));
      if ("creating".equals(operation.get("type")) && resource.get("urn") instanceof String urn) {
        Object name = plain(map(resource.get("inputs")).get("name"));
        pending.add(new PendingCreate(urn, String.valueOf(resource.get("type")), name == null ? null : text(name)));
      }
    }
    return pending;
  }

  private static ClusterOutputs outputs(Map<String, Object> properties) {
    Map<String, String> values = new HashMap<>();
    Set<String> secrets = new HashSet<>();
    ClusterProgram.EXPORTED_PROPERTIES.forEach((export, property) -> {
      Object value = properties.get(property);
      if (value == null) {
        return;
      }
      if (isSecret(value)) {
        secrets.add(export);
      }
      Object plain = plain(value);
      if (plain != null) {
        values.put(export, text(plain));
      }
    });
    return new ClusterOutputs(values, secrets);
  }

  private static boolean isSecret(Object value) {
    return value instanceof Map<?, ?> m && m.containsKey(SECRET_SIGNATURE);
  }

  /** The value, with a secret's plain text taken out of its envelope. */
  private static @Nullable Object plain(@Nullable Object value) {
    if (value instanceof Map<?, ?> m && m.containsKey(SECRET_SIGNATURE)) {
      Object plaintext = m.get("plaintext");
      return plaintext == null ? null : com.google.gson.JsonParser.parseString(plaintext.toString()).getAsJsonPrimitive().getAsString();
    }
    return value;
  }

  /** Numbers come back from JSON as doubles: a port is "25060", not "25060.0". */
  private static String text(Object value) {
    if (value instanceof Double d && d == Math.rint(d)) {
      return Long.toString(d.longValue());
    }
    return String.valueOf(value);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(@Nullable Object value) {
    return value instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(@Nullable Object value) {
    return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }
}
