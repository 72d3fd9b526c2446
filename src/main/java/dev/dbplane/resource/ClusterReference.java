package dev.dbplane.resource;

import java.util.Locale;
import java.util.regex.Pattern;
import org.project_planton.shared.cloudresourcekind.CloudResourceKind;
import org.project_planton.shared.foreignkey.v1.StringValueOrRef;
import org.project_planton.shared.foreignkey.v1.ValueFromRef;

/**
 * The rules of a resource's reference to its cluster ({@link AttachedKind#clusterOf}) that hold
 * before the reference is resolved: a literal is a cluster's UUID (this service's or DigitalOcean's),
 * a reference points at a cluster's id. Whether that cluster exists is the pipeline's to find out.
 */
public final class ClusterReference {

  /** The only field of a cluster a reference may point at: its DigitalOcean id. */
  public static final String CLUSTER_ID_PATH = "status.outputs.cluster_id";

  private static final Pattern UUID =
      Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

  private ClusterReference() {}

  /**
   * Checks the reference at {@code field} (such as {@code spec.cluster}); one that is absent
   * altogether is the model's to report.
   */
  public static void check(StringValueOrRef reference, String field, Findings findings) {
    switch (reference.getLiteralOrRefCase()) {
      case VALUE -> {
        if (!UUID.matcher(reference.getValue()).matches()) {
          findings.violation(field + ".value", "dbplane.cluster.uuid",
              "must be the UUID of a database cluster, for example 9cc10173-e9ea-4176-9dbc-a4cee4c4ff30");
        }
      }
      case VALUE_FROM -> checkValueFrom(reference.getValueFrom(), field + ".value_from", findings);
      case LITERALORREF_NOT_SET ->
          findings.violation(field, "dbplane.cluster.required",
              "must give the cluster's id in value, or a managed cluster's name in value_from.name");
    }
  }

  /** The cluster's id when the reference gives it literally (lower case, as DigitalOcean writes it); else "". */
  public static String literalId(StringValueOrRef reference) {
    return reference.hasValue() ? reference.getValue().toLowerCase(Locale.ROOT) : "";
  }

  private static void checkValueFrom(ValueFromRef ref, String field, Findings findings) {
    if (ref.getKind() != CloudResourceKind.unspecified && ref.getKind() != CloudResourceKind.DigitalOceanDatabaseCluster) {
      findings.violation(field + ".kind", "dbplane.cluster.kind",
          "must be DigitalOceanDatabaseCluster (or left out): " + kindName(ref) + " is not a database cluster");
    }
    if (!ref.getFieldPath().isEmpty() && !ref.getFieldPath().equals(CLUSTER_ID_PATH)) {
      findings.violation(field + ".field_path", "dbplane.cluster.field_path",
          "must be " + CLUSTER_ID_PATH + " (or left out): the cluster's id is what its resources are attached by");
    }
  }

  private static String kindName(ValueFromRef ref) {
    return ref.getKind() == CloudResourceKind.UNRECOGNIZED ? "kind " + ref.getKindValue() : ref.getKind().name();
  }
}
