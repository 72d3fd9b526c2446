package dev.dbplane.security;

import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An API key as stored: never the secret, only its hash.
 *
 * @param id the public part of the key ({@code dbp_<id>_<secret>})
 * @param configured whether it comes from configuration (it cannot be revoked through the API)
 */
public record ApiKey(String id, String name, Set<Role> roles, String createdBy, @Nullable Instant createdAt, @Nullable Instant revokedAt, boolean configured) {

  public boolean active() {
    return revokedAt == null;
  }
}
