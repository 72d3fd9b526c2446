/**
 * The user's Pulumi program and its hand-written bindings of the DigitalOcean provider's
 * {@code DatabaseUser}, held to the provider's schema by a test. The only part of the user kind that
 * knows Pulumi; the engine in {@code dev.dbplane.pulumi} runs it.
 */
@NullMarked
package dev.dbplane.user.program;

import org.jspecify.annotations.NullMarked;
