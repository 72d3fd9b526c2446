package dev.dbplane.cluster;

import dev.dbplane.engine.StackName;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.Map;
import java.util.regex.Pattern;
import org.project_planton.shared.CloudResourceMetadata;

/**
 * Names the Pulumi stack of a cluster: from Project Planton's labels when present, otherwise derived
 * from the metadata, so the same cluster always maps to the same stack.
 */
final class StackNames {

  static final String FQDN_LABEL = "pulumi.project-planton.org/stack.fqdn";
  static final String ORGANIZATION_LABEL = "pulumi.project-planton.org/organization";
  static final String PROJECT_LABEL = "pulumi.project-planton.org/project";
  static final String STACK_LABEL = "pulumi.project-planton.org/stack.name";

  static final String DEFAULT_ORGANIZATION = "organization";
  static final String DEFAULT_PROJECT = "dbplane";

  private static final Pattern NOT_ALLOWED = Pattern.compile("[^A-Za-z0-9._-]+");
  private static final Pattern VALID_PART = Pattern.compile("^[A-Za-z0-9._-]+$");

  private StackNames() {}

  static StackName of(CloudResourceMetadata metadata, String clusterName) {
    Map<String, String> labels = metadata.getLabelsMap();
    String fqdn = labels.getOrDefault(FQDN_LABEL, "");
    String[] parts = fqdn.split("/", -1);
    if (parts.length == 3 && Arrays.stream(parts).allMatch(StackNames::isValidPart)) {
      return new StackName(parts[0], parts[1], parts[2]);
    }
    if (Stream.of(ORGANIZATION_LABEL, PROJECT_LABEL, STACK_LABEL)
        .allMatch(label -> isValidPart(labels.getOrDefault(label, "")))) {
      return new StackName(
          labels.get(ORGANIZATION_LABEL), labels.get(PROJECT_LABEL), labels.get(STACK_LABEL));
    }
    String organization = metadata.getOrg().isBlank() ? DEFAULT_ORGANIZATION : sanitize(metadata.getOrg());
    String name = metadata.getName().isBlank() ? clusterName : metadata.getName();
    String stack = metadata.getEnv().isBlank() ? sanitize(name) : sanitize(metadata.getEnv() + "." + name);
    return new StackName(organization, DEFAULT_PROJECT, stack);
  }

  /**
   * The first Planton stack label that names a stack in a form Pulumi cannot use, if any: the fqdn
   * label must be {@code <organization>/<project>/<stack>}; the three separate labels come all
   * together or not at all; and every part is non-blank and made of letters, digits, '.', '_' and '-'.
   */
  static Optional<String> malformedLabel(CloudResourceMetadata metadata) {
    Map<String, String> labels = metadata.getLabelsMap();
    if (labels.containsKey(FQDN_LABEL)) {
      String[] parts = labels.get(FQDN_LABEL).split("/", -1);
      return parts.length == 3 && Arrays.stream(parts).allMatch(StackNames::isValidPart)
          ? Optional.empty()
          : Optional.of(FQDN_LABEL);
    }
    boolean anyGiven = Stream.of(ORGANIZATION_LABEL, PROJECT_LABEL, STACK_LABEL).anyMatch(labels::containsKey);
    // Given one of the three, all three must be given: a partial set would be silently ignored.
    return anyGiven
        ? Stream.of(ORGANIZATION_LABEL, PROJECT_LABEL, STACK_LABEL)
            .filter(label -> !isValidPart(labels.getOrDefault(label, "")))
            .findFirst()
        : Optional.empty();
  }

  private static boolean isValidPart(String part) {
    return VALID_PART.matcher(part).matches();
  }

  private static String sanitize(String value) {
    return NOT_ALLOWED.matcher(value.toLowerCase(Locale.ROOT)).replaceAll("-");
  }
}
