package dev.dbplane.security;

import dev.dbplane.problem.ProblemType;
import dev.dbplane.problem.ProblemWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * The answer to an authentication failure: what credential was seen and what to send, the same for
 * every wrong key, so that it tells nothing of which keys exist.
 */
final class AuthenticationRequired implements AuthenticationEntryPoint {

  private final ProblemWriter problems;
  private final boolean bearerTokensAccepted;

  AuthenticationRequired(ProblemWriter problems, boolean bearerTokensAccepted) {
    this.problems = problems;
    this.bearerTokensAccepted = bearerTokensAccepted;
  }

  @Override
  public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure) throws IOException {
    response.setHeader("WWW-Authenticate", "ApiKey header=\"X-API-Key\", Bearer realm=\"dbplane\"");
    problems.write(request, response, ProblemType.UNAUTHENTICATED.problem(PresentedCredential.of(request).refusal(bearerTokensAccepted)));
  }
}
