package dev.dbplane.cluster;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.project_planton.shared.CloudResourceMetadata;

/**
 * The Pulumi stack of a cluster, stable for the life of the cluster. Taken from Project Planton's
 * labels when present, otherwise derived from the metadata.
 *
 * @param organization Pulumi organization
 * @param project Pulumi project
 * @param stack stack name within the project
 */
public record StackName(String organization, String project, String stack) {

  static final String FQDN_LABEL = "pulumi.project-planton.org/stack.fqdn";
  static final String ORGANIZATION_LABEL = "pulumi.project-planton.org/organization";
  static final String PROJECT_LABEL = "pulumi.project-planton.org/project";
  static final String STACK_LABEL = "pulumi.project-planton.org/stack.name";

  static final String DEFAULT_ORGANIZATION = "organization";
  static final String DEFAULT_PROJECT = "dbplane";

  private static final Pattern NOT_ALLOWED = Pattern.compile("[^A-Za-z0-9._-]+");

  /** The fully qualified name, {@code <organization>/<project>/<stack>}. */
  public String fullyQualified() {
    return organization + "/" + project + "/" + stack;
  }

  @Override
  public String toString() {
    return fullyQualified();
  }

  static StackName of(CloudResourceMetadata metadata, String clusterName) {
    Map<String, String> labels = metadata.getLabelsMap();
    String fqdn = labels.getOrDefault(FQDN_LABEL, "");
    String[] parts = fqdn.split("/", -1);
    if (parts.length == 3 && !parts[0].isBlank() && !parts[1].isBlank() && !parts[2].isBlank()) {
      return new StackName(parts[0], parts[1], parts[2]);
    }
    if (labels.containsKey(ORGANIZATION_LABEL)
        && labels.containsKey(PROJECT_LABEL)
        && labels.containsKey(STACK_LABEL)) {
      return new StackName(
          labels.get(ORGANIZATION_LABEL), labels.get(PROJECT_LABEL), labels.get(STACK_LABEL));
    }
    String organization = metadata.getOrg().isBlank() ? DEFAULT_ORGANIZATION : sanitize(metadata.getOrg());
    String name = metadata.getName().isBlank() ? clusterName : metadata.getName();
    String stack = metadata.getEnv().isBlank() ? sanitize(name) : sanitize(metadata.getEnv() + "." + name);
    return new StackName(organization, DEFAULT_PROJECT, stack);
  }

  /** True when the labels name a stack but not in a form this service understands. */
  static boolean hasMalformedLabels(CloudResourceMetadata metadata) {
    Map<String, String> labels = metadata.getLabelsMap();
    if (labels.containsKey(FQDN_LABEL)) {
      String[] parts = labels.get(FQDN_LABEL).split("/", -1);
      return parts.length != 3 || parts[0].isBlank() || parts[1].isBlank() || parts[2].isBlank();
    }
    return false;
  }

  private static String sanitize(String value) {
    return NOT_ALLOWED.matcher(value.toLowerCase(Locale.ROOT)).replaceAll("-");
  }
}
