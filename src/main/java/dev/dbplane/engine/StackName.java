package dev.dbplane.engine;

/**
 * The Pulumi stack that holds one resource, stable for the life of the resource.
 *
 * @param organization Pulumi organization
 * @param project Pulumi project
 * @param stack stack name within the project
 */
public record StackName(String organization, String project, String stack) {

  /** The fully qualified name, {@code <organization>/<project>/<stack>}. */
  public String fullyQualified() {
    return organization + "/" + project + "/" + stack;
  }

  @Override
  public String toString() {
    return fullyQualified();
  }
}
