package dev.dbplane.resource;

/**
 * What the resources inside a cluster are judged against: the cluster as this service last applied
 * it (or as DigitalOcean describes one it does not manage).
 *
 * @param engine DigitalOcean's engine slug ({@code pg}, {@code mysql}, {@code redis}, {@code valkey},
 *     {@code mongodb})
 * @param version the engine version
 * @param region DigitalOcean's region slug
 * @param size DigitalOcean's node size slug
 * @param nodeCount 1 to 3
 */
public record ClusterFacts(String engine, String version, String region, String size, int nodeCount) {}
