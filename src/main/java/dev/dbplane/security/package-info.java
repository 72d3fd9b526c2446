/**
 * Who may do what: API keys (stored hashed) and OAuth2 bearer tokens, four roles, rate limits on
 * changes, the audit of refused attempts, and the first admin key of the embedded default. Also the
 * problem+json answers given before any controller sees a request: the filters', the firewall's and
 * the servlet container's.
 */
@NullMarked
package dev.dbplane.security;

import org.jspecify.annotations.NullMarked;
