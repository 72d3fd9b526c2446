/**
 * The {@link dev.dbplane.engine.StackEngine} on the Pulumi Automation API: an inline Java program
 * with hand-written bindings for the DigitalOcean provider, run by the Pulumi CLI.
 */
@NullMarked
package dev.dbplane.pulumi;

import org.jspecify.annotations.NullMarked;
