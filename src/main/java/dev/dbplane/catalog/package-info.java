/**
 * What DigitalOcean offers its managed databases: engines, their versions with end-of-life dates,
 * regions and node layouts, as {@code GET /v2/databases/options} answers. Served from DigitalOcean
 * with the server's token, refreshed in the background, or else from a snapshot built into the
 * service; validation judges a cluster by it, so the service has one source of truth.
 */
@NullMarked
package dev.dbplane.catalog;

import org.jspecify.annotations.NullMarked;
