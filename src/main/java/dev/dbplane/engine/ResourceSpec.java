package dev.dbplane.engine;

/**
 * What one stack must hold, normalised by its resource kind into DigitalOcean's terms. Jobs carry it
 * unchanged from validation to the kind's program; only the kind reads its fields.
 */
public interface ResourceSpec {

  /** The resource kind, as manifests name it ({@code DigitalOceanDatabaseCluster}). */
  String kind();

  /** The name DigitalOcean knows the resource by. */
  String resourceName();

  /** The Pulumi stack that holds the resource. */
  StackName stack();
}
