/** The append-only record of who did what to which cluster: submissions, cancels, reveals, key changes. */
@NullMarked
package dev.dbplane.audit;

import org.jspecify.annotations.NullMarked;
