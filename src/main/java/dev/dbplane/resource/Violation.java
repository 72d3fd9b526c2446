package dev.dbplane.resource;

/**
 * One reason a request cannot be provisioned.
 *
 * @param field path of the offending field as the caller sent it (proto field names, for example
 *     {@code spec.node_count} or {@code target.metadata.labels["team"]})
 * @param rule stable identifier of the broken rule: protovalidate's rule id for rules of the model,
 *     {@code dbplane.*} for the service's own rules
 * @param message what is wrong, for people
 */
public record Violation(String field, String rule, String message) {}
