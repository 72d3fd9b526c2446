/**
 * The one vocabulary of problem+json answers (RFC 9457): every problem type the service answers
 * with, its title and status, and the writing of a problem where no controller answers (the
 * filters, the firewall, the servlet container). Knows no other package of the service.
 */
@NullMarked
package dev.dbplane.problem;

import org.jspecify.annotations.NullMarked;
