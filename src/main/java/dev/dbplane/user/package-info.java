/**
 * The user kind ({@code DigitalOceanDatabaseUser}): a user of a managed cluster, whose password
 * DigitalOcean generates; its rules alone and against its cluster and the cluster's other users, and
 * what an update replaces.
 */
@NullMarked
package dev.dbplane.user;

import org.jspecify.annotations.NullMarked;
