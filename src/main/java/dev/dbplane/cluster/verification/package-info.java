/**
 * Connects to a cluster after its UP, with its outputs, as its clients will: the service says
 * whether what it provisioned answers.
 */
@NullMarked
package dev.dbplane.cluster.verification;

import org.jspecify.annotations.NullMarked;
