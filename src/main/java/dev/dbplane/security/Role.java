package dev.dbplane.security;

import java.util.Locale;
import java.util.Optional;

/**
 * What a caller may do. {@code operator} and {@code secrets-reader} include {@code viewer}; {@code
 * admin} includes them all.
 */
public enum Role {
  /** Read clusters and jobs, never a secret. */
  VIEWER,
  /** Create, update, preview, refresh, destroy, cancel. */
  OPERATOR,
  /** Reveal the outputs of clusters. */
  SECRETS_READER,
  /** Manage API keys, read the audit log, re-encrypt stored secrets. */
  ADMIN;

  /** The name used in configuration and in the API: viewer, operator, secrets-reader, admin. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public String authority() {
    return "ROLE_" + name();
  }

  public static Optional<Role> of(String id) {
    for (Role role : values()) {
      if (role.id().equalsIgnoreCase(id.trim())) {
        return Optional.of(role);
      }
    }
    return Optional.empty();
  }
}
