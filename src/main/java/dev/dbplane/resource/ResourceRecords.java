package dev.dbplane.resource;

/**
 * What the services of every kind keep their resources in: the records, the tokens, the outputs, and
 * the clusters that resources inside one name.
 */
public record ResourceRecords(ResourceStore resources, CredentialStore credentials, OutputStore outputs, ClusterResolver clusters) {}
