package dev.dbplane.resource;

import com.google.protobuf.Message;

/**
 * What a resource kind is called and what its messages and stack outputs are: facts of the kind, not
 * of its rules, which a kind states once and {@link ResourceKind} reads.
 *
 * @param name the manifest's {@code kind}, such as {@code DigitalOceanDatabaseCluster}
 * @param noun how people call one resource of the kind in messages ("cluster")
 * @param manifestType the kind's manifest
 * @param stackInputType the kind's stack input: its manifest as {@code target}, with {@code provider_config}
 * @param outputs the kind's stack outputs; its program exports exactly these
 * @param <M> the kind's manifest, a Project Planton resource message
 */
public record KindIdentity<M extends Message>(
    String name, String noun, Class<M> manifestType, Class<? extends Message> stackInputType, OutputNames outputs) {}
