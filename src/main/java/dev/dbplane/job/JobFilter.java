package dev.dbplane.job;

import dev.dbplane.engine.Operation;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Which jobs a listing shows; a null member does not filter. */
public record JobFilter(@Nullable UUID clusterId, @Nullable JobStatus status, @Nullable Operation operation) {}
