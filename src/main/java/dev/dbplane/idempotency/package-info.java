/**
 * {@code Idempotency-Key} on POST: the filter in front of the API, the store of first answers
 * (encrypted, per caller) and its cleanup. Uses the intake's bounded body read and the problem
 * vocabulary; knows no controller and no resource kind.
 */
@NullMarked
package dev.dbplane.idempotency;

import org.jspecify.annotations.NullMarked;
