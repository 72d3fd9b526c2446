/**
 * The database kind ({@code DigitalOceanDatabaseDb}): a database inside a managed cluster, its rules
 * alone and against its cluster and the cluster's other databases, and what an update replaces.
 */
@NullMarked
package dev.dbplane.db;

import org.jspecify.annotations.NullMarked;
