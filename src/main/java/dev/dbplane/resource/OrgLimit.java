package dev.dbplane.resource;

/**
 * How many resources of a kind one org may have in an environment.
 *
 * @param max the most it may have
 * @param enforced whether one more is refused (else accepted, with the rule as a warning)
 * @param rule the rule's id, as violations and warnings name it
 */
public record OrgLimit(int max, boolean enforced, String rule) {}
