package dev.dbplane.api;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;

/** Who is asking, as recorded on jobs. */
final class Requesters {

  static final String ANONYMOUS = "anonymous";

  private Requesters() {}

  static String of(HttpServletRequest request) {
    Principal principal = request.getUserPrincipal();
    return principal == null ? ANONYMOUS : principal.getName();
  }
}
