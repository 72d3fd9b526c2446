/**
 * DigitalOcean's own API, for what the stack engine cannot ask its provider: finding a cluster by
 * name (to take an interrupted create into its stack instead of creating a second cluster), and
 * what DigitalOcean offers its managed databases (the catalog's options). A small client of our own
 * on the JDK's HTTP client: no maintained Java client of DigitalOcean's API covers managed
 * databases.
 */
@NullMarked
package dev.dbplane.digitalocean;

import org.jspecify.annotations.NullMarked;
