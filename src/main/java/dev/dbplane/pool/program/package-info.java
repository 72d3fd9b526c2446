/**
 * The connection pool's Pulumi program and its hand-written bindings of the DigitalOcean provider's
 * {@code DatabaseConnectionPool}, held to the provider's schema by a test. The only part of the pool
 * kind that knows Pulumi; the engine in {@code dev.dbplane.pulumi} runs it.
 */
@NullMarked
package dev.dbplane.pool.program;

import org.jspecify.annotations.NullMarked;
