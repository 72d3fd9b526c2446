/**
 * The connection pool kind ({@code DigitalOceanDatabaseConnectionPool}): a PgBouncer pool of a
 * managed PostgreSQL cluster, its rules alone and against its cluster (the backend connections its
 * size gives all its pools together), and what an update replaces.
 */
@NullMarked
package dev.dbplane.pool;

import org.jspecify.annotations.NullMarked;
