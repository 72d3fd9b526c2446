/**
 * Who may do what: API keys (stored hashed) and OAuth2 bearer tokens, four roles and the role each
 * endpoint states ({@link dev.dbplane.security.RequiresRole}), rate limits on changes, the audit of
 * refused attempts, and the first admin key of the embedded default. Also the answers given before
 * any controller sees a request (401, 403, 429, the firewall's and the servlet container's), written
 * through the problem vocabulary.
 */
@NullMarked
package dev.dbplane.security;

import org.jspecify.annotations.NullMarked;
