package dev.dbplane.job;

import dev.dbplane.engine.Operation;
import dev.dbplane.engine.ResourceSpec;
import java.util.List;
import java.util.UUID;

/** What a caller asks for when it submits a job. */
public record NewJob(
    UUID clusterId,
    String clusterName,
    Operation operation,
    String requestedBy,
    int specVersion,
    ResourceSpec spec,
    List<String> warnings) {}
