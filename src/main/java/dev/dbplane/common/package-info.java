/**
 * Small values and helpers every capability may use: a page of a listing, housekeeping that runs on
 * the durable scheduler. It depends on no capability of the service.
 */
@NullMarked
package dev.dbplane.common;

import org.jspecify.annotations.NullMarked;
