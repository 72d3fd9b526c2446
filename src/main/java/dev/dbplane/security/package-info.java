/**
 * Who may do what: API keys (stored hashed) and OAuth2 bearer tokens, four roles, rate limits on
 * changes, and the first admin key of the embedded default.
 */
@NullMarked
package dev.dbplane.security;

import org.jspecify.annotations.NullMarked;
