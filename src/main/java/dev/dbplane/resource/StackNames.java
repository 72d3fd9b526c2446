package dev.dbplane.resource;

import dev.dbplane.engine.StackName;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.project_planton.shared.CloudResourceMetadata;

/**
 * Names the Pulumi stack of a cluster: from Project Planton's labels when present, otherwise derived
 * from the metadata. The name is derived once, when the cluster is created, and stored; a stack
 * holds one cluster for the cluster's whole life.
 */
public final class StackNames {

  public static final String FQDN_LABEL = "pulumi.project-planton.org/stack.fqdn";
  public static final String ORGANIZATION_LABEL = "pulumi.project-planton.org/organization";
  public static final String PROJECT_LABEL = "pulumi.project-planton.org/project";
  public static final String STACK_LABEL = "pulumi.project-planton.org/stack.name";
  private static final List<String> LABELS = List.of(FQDN_LABEL, ORGANIZATION_LABEL, PROJECT_LABEL, STACK_LABEL);
  private static final List<String> SEPARATE_LABELS = List.of(ORGANIZATION_LABEL, PROJECT_LABEL, STACK_LABEL);
  private static final List<String> FQDN_PARTS = List.of("organization", "project", "stack");

  public static final String DEFAULT_ORGANIZATION = "organization";
  public static final String DEFAULT_PROJECT = "dbplane";

  /** Pulumi's limit for project and stack names (tokens.ValidateProjectName, ParseStackName). */
  static final int MAX_PART_LENGTH = 100;

  private static final Pattern NOT_ALLOWED = Pattern.compile("[^A-Za-z0-9._-]+");
  private static final Pattern ALLOWED = Pattern.compile("^[A-Za-z0-9._-]+$");
  private static final Pattern DOTS_ONLY = Pattern.compile("^\\.+$");

  private StackNames() {}

  public static StackName of(CloudResourceMetadata metadata, String clusterName) {
    Map<String, String> labels = metadata.getLabelsMap();
    String[] parts = labels.getOrDefault(FQDN_LABEL, "").split("/", -1);
    if (parts.length == 3 && Arrays.stream(parts).allMatch(StackNames::isValidPart)) {
      return new StackName(parts[0], parts[1], parts[2]);
    }
    if (SEPARATE_LABELS.stream().allMatch(label -> isValidPart(labels.getOrDefault(label, "")))) {
      return new StackName(labels.get(ORGANIZATION_LABEL), labels.get(PROJECT_LABEL), labels.get(STACK_LABEL));
    }
    return derived(metadata, clusterName);
  }

  /**
   * What makes two stacks the same one, so that no two clusters ever share a stack: the project and
   * the stack name, ignoring case. The organization is left out because a self-managed backend
   * keeps the stacks of every organization under one project directory; case is ignored because
   * work directories may live on a file system that ignores it.
   */
  public static String key(StackName stack) {
    return (stack.project() + "/" + stack.stack()).toLowerCase(Locale.ROOT);
  }

  /**
   * Why the manifest names no stack Pulumi can use, at the field that gives the bad part, if it does
   * not: the fqdn label must be {@code <organization>/<project>/<stack>}; the three separate labels
   * come all together or not at all; without labels, the parts derived from the metadata must hold.
   * Every part is 1 to 100 letters, digits, '.', '_' and '-', and not made of dots only, since each
   * part names a directory of the stack's work directory and state.
   */
  public static Optional<Violation> malformed(CloudResourceMetadata metadata, String clusterName) {
    Map<String, String> labels = metadata.getLabelsMap();
    if (labels.containsKey(FQDN_LABEL)) {
      String[] parts = labels.get(FQDN_LABEL).split("/", -1);
      if (parts.length != 3) {
        return Optional.of(fqdnViolation("must be <organization>/<project>/<stack>"));
      }
      for (int i = 0; i < parts.length; i++) {
        Optional<String> problem = problemOf(parts[i]);
        if (problem.isPresent()) {
          return Optional.of(fqdnViolation("its " + FQDN_PARTS.get(i) + " part " + problem.get()));
        }
      }
      return Optional.empty();
    }
    // Given one of the three, all three must be given: a partial set would be silently ignored.
    if (SEPARATE_LABELS.stream().anyMatch(labels::containsKey)) {
      for (String label : SEPARATE_LABELS) {
        Optional<String> problem = problemOf(labels.getOrDefault(label, ""));
        if (problem.isPresent()) {
          return Optional.of(new Violation(labelField(label), "dbplane.stack_label.format", "the value " + problem.get()));
        }
      }
      return Optional.empty();
    }
    StackName stack = derived(metadata, clusterName);
    if (stack.stack().isEmpty()) {
      return Optional.empty(); // no name at all: the model's rules already require spec.cluster_name
    }
    return problemOf(stack.organization())
        .map(problem -> derivedViolation("metadata.org", stack.organization(), problem))
        .or(() -> problemOf(stack.stack())
            .map(problem -> derivedViolation(sourceField(metadata), stack.stack(), problem)));
  }

  /** The field that names the stack of a valid manifest: the label that gives it, or the name it is derived from. */
  public static String sourceField(CloudResourceMetadata metadata) {
    Map<String, String> labels = metadata.getLabelsMap();
    if (labels.containsKey(FQDN_LABEL)) {
      return labelField(FQDN_LABEL);
    }
    if (SEPARATE_LABELS.stream().anyMatch(labels::containsKey)) {
      return labelField(STACK_LABEL);
    }
    return metadata.getName().isBlank() ? "spec.cluster_name" : "metadata.name";
  }

  /**
   * The stack labels an update changes, each refused: the cluster stays in the stack it was created
   * in, and a label naming another stack would be silently ignored otherwise.
   */
  public static List<Violation> labelChanges(CloudResourceMetadata current, CloudResourceMetadata next, StackName stack) {
    List<Violation> changes = new ArrayList<>();
    for (String label : LABELS) {
      @Nullable String was = current.getLabelsMap().get(label);
      if (!Objects.equals(was, next.getLabelsMap().get(label))) {
        changes.add(new Violation(labelField(label), "dbplane.change.stack_fixed",
            "the cluster's stack is " + stack + ", named when the cluster was created and never changed; "
                + (was == null ? "leave this label out" : "keep this label as it was: " + was)));
      }
    }
    return changes;
  }

  private static StackName derived(CloudResourceMetadata metadata, String clusterName) {
    String organization = metadata.getOrg().isBlank() ? DEFAULT_ORGANIZATION : sanitize(metadata.getOrg());
    String name = metadata.getName().isBlank() ? clusterName : metadata.getName();
    String stack = metadata.getEnv().isBlank() ? sanitize(name) : sanitize(metadata.getEnv() + "." + name);
    return new StackName(organization, DEFAULT_PROJECT, stack);
  }

  private static Optional<String> problemOf(String part) {
    if (part.isEmpty()) {
      return Optional.of("must not be empty");
    }
    if (!ALLOWED.matcher(part).matches()) {
      return Optional.of("may hold only letters, digits, '.', '_' and '-'");
    }
    if (part.length() > MAX_PART_LENGTH) {
      return Optional.of("is " + part.length() + " characters long; Pulumi allows " + MAX_PART_LENGTH);
    }
    if (DOTS_ONLY.matcher(part).matches()) {
      return Optional.of("must not be made of dots only");
    }
    return Optional.empty();
  }

  private static boolean isValidPart(String part) {
    return problemOf(part).isEmpty();
  }

  private static Violation fqdnViolation(String problem) {
    return new Violation(labelField(FQDN_LABEL), "dbplane.stack_fqdn.format", problem
        + " (each part 1 to " + MAX_PART_LENGTH + " letters, digits, '.', '_' and '-', not dots only)");
  }

  private static Violation derivedViolation(String field, String part, String problem) {
    String shown = part.length() > 40 ? part.substring(0, 40) + "..." : part;
    return new Violation(field, "dbplane.stack_name.derived",
        "without the label " + FQDN_LABEL + " the stack is named from metadata.org, metadata.env and metadata.name, and '"
            + shown + "' " + problem + "; change it or name the stack with the label");
  }

  private static String labelField(String label) {
    return "metadata.labels[\"" + label + "\"]";
  }

  private static String sanitize(String value) {
    return NOT_ALLOWED.matcher(value.toLowerCase(Locale.ROOT)).replaceAll("-");
  }
}
