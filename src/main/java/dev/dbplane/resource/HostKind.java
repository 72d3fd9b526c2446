package dev.dbplane.resource;

import com.google.protobuf.Message;
import dev.dbplane.engine.ResourceSpec;

/**
 * The kind the {@link AttachedKind}s live in, the database cluster: what its resources are judged
 * against.
 */
public interface HostKind<M extends Message, S extends ResourceSpec> extends ResourceKind<M, S> {

  ClusterFacts facts(S spec);
}
