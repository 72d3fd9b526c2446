package dev.dbplane.resource;

import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.project_planton.shared.cloudresourcekind.CloudResourceKind;
import org.project_planton.shared.foreignkey.v1.StringValueOrRef;
import org.project_planton.shared.foreignkey.v1.ValueFromRef;

/**
 * The rules of a manifest's references to other resources: the cluster a resource lives in, which
 * the pipeline resolves, and a VPC, which this service does not resolve. Each rule has a stable id
 * under {@code dbplane.}.
 */
public final class References {

  /** The field of a managed cluster that a reference to it reads: its DigitalOcean id. */
  public static final String CLUSTER_ID_FIELD_PATH = "status.outputs.cluster_id";

  private static final Pattern UUID =
      Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

  private References() {}

  public static boolean isUuid(String value) {
    return UUID.matcher(value).matches();
  }

  /**
   * Checks a reference to the resource's cluster: a literal id (this service's or DigitalOcean's,
   * both UUIDs), or a reference by name to a managed cluster's id.
   *
   * @param field the manifest's field that holds it, such as {@code spec.cluster}
   */
  public static void checkCluster(StringValueOrRef cluster, String field, Findings findings) {
    switch (cluster.getLiteralOrRefCase()) {
      case VALUE -> {
        if (!isUuid(cluster.getValue())) {
          findings.violation(field + ".value", "dbplane.cluster.uuid",
              "must be the id of a database cluster (this service's or DigitalOcean's), a UUID such as 9cc10173-e9ea-4176-9dbc-a4cee4c4ff30");
        }
      }
      case VALUE_FROM -> checkClusterReference(cluster.getValueFrom(), field + ".value_from", findings);
      default -> {
        // An absent reference is the model's to report; an empty one is this rule's.
        if (!findings.hasViolation(field)) {
          findings.violation(field, "dbplane.cluster.required",
              "name the cluster: its id in " + field + ".value, or its metadata.name in " + field + ".value_from.name");
        }
      }
    }
  }

  private static void checkClusterReference(ValueFromRef reference, String field, Findings findings) {
    CloudResourceKind kind = reference.getKind();
    if (kind != CloudResourceKind.unspecified && kind != CloudResourceKind.DigitalOceanDatabaseCluster) {
      findings.violation(field + ".kind", "dbplane.cluster.kind",
          "a resource lives in a DigitalOceanDatabaseCluster, and " + kindName(kind, reference) + " is none; leave kind out or name that kind");
    }
    if (!reference.getFieldPath().isEmpty() && !reference.getFieldPath().equals(CLUSTER_ID_FIELD_PATH)) {
      findings.violation(field + ".field_path", "dbplane.cluster.field_path",
          "a reference to a cluster reads its " + CLUSTER_ID_FIELD_PATH + "; leave field_path out or give that path");
    }
  }

  private static String kindName(CloudResourceKind kind, ValueFromRef reference) {
    return kind == CloudResourceKind.UNRECOGNIZED ? "kind " + reference.getKindValue() : kind.name();
  }

  /** The literal cluster id, in lower case; empty for a reference by name. */
  public static String literalClusterId(StringValueOrRef cluster) {
    return cluster.getLiteralOrRefCase() == StringValueOrRef.LiteralOrRefCase.VALUE
        ? cluster.getValue().toLowerCase(Locale.ROOT)
        : "";
  }

  /**
   * Checks a reference to a VPC: a literal UUID, or none; a reference to another resource is refused,
   * since this service does not resolve it.
   *
   * @param field the manifest's field that holds it, such as {@code spec.vpc}
   */
  public static void checkVpc(StringValueOrRef vpc, String field, Findings findings) {
    switch (vpc.getLiteralOrRefCase()) {
      case VALUE -> {
        if (!vpc.getValue().isEmpty() && !isUuid(vpc.getValue())) {
          findings.violation(
              field + ".value", "dbplane.vpc.uuid", "must be the UUID of a DigitalOcean VPC, for example 5a4981aa-9653-4bd1-bef5-d6bff52042e4");
        }
      }
      case VALUE_FROM ->
          findings.violation(
              field + ".value_from",
              "dbplane.vpc.value_from_unsupported",
              "references to another resource"
                  + (vpc.getValueFrom().getName().isEmpty() ? "" : " (" + vpc.getValueFrom().getName() + ")")
                  + " are not resolved by this service; give the VPC's UUID in " + field + ".value");
      default -> {}
    }
  }

  /** The literal VPC UUID, in lower case; null for none. */
  public static @Nullable String vpcUuid(StringValueOrRef vpc) {
    String value = vpc.getValue();
    return value.isEmpty() ? null : value.toLowerCase(Locale.ROOT);
  }
}
