package dev.dbplane.security;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;

/** Who is asking, as recorded on jobs and audit entries, and as idempotency keys are kept per caller. */
public final class Requesters {

  private static final String ANONYMOUS = "anonymous";

  private Requesters() {}

  public static String of(HttpServletRequest request) {
    Principal principal = request.getUserPrincipal();
    return principal == null ? ANONYMOUS : principal.getName();
  }
}
