/**
 * The read-only replica kind (domain): a replica of a PostgreSQL or MySQL cluster, its rules, the
 * normalised {@code ReplicaSpec}, what an update replaces or cannot do, and the checks against its
 * cluster and its sibling replicas.
 */
@NullMarked
package dev.dbplane.replica;

import org.jspecify.annotations.NullMarked;
