/**
 * The port through which jobs provision resources, and its vocabulary: what a stack should hold
 * ({@link dev.dbplane.engine.ResourceSpec}), where it lives, and what a run reports. The Pulumi
 * implementation lives in {@code dev.dbplane.pulumi}; tests drive jobs with their own engine.
 */
@NullMarked
package dev.dbplane.engine;

import org.jspecify.annotations.NullMarked;
