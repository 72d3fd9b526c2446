/**
 * The HTTP API: controllers and their views, each handler stating the role it needs; the mapping of
 * their failures to problems of the vocabulary; the cluster's body model for the intake; the live
 * event streams and the OpenAPI document.
 */
@NullMarked
package dev.dbplane.api;

import org.jspecify.annotations.NullMarked;
