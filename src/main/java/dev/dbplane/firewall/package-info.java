/**
 * The database firewall kind (domain): the trusted sources of one cluster, their rules, the normalised
 * {@code FirewallSpec}, what an update replaces, and the checks against its cluster.
 */
@NullMarked
package dev.dbplane.firewall;

import org.jspecify.annotations.NullMarked;
