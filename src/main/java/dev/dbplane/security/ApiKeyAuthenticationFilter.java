package dev.dbplane.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a request that carries an API key in {@code X-API-Key} (or in {@code Authorization}
 * as {@code ApiKey <key>} or {@code Bearer <key>}). A wrong, unknown or revoked key leaves the
 * request anonymous: public endpoints (the health probes) answer it as they answer any caller, every
 * other gets the one 401 of an anonymous request, which tells nothing of which keys exist.
 */
final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

  static final String HEADER = "X-API-Key";

  private final ApiKeyService keys;

  ApiKeyAuthenticationFilter(ApiKeyService keys) {
    this.keys = keys;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    PresentedCredential presented = PresentedCredential.of(request);
    if (presented.kind() != PresentedCredential.Kind.API_KEY || presented.value() == null) {
      chain.doFilter(request, response);
      return;
    }
    Optional<ApiKey> key = keys.authenticate(presented.value());
    if (key.isEmpty()) {
      chain.doFilter(request, response);
      return;
    }
    UsernamePasswordAuthenticationToken authentication =
        UsernamePasswordAuthenticationToken.authenticated(
            "apikey:" + key.get().id(), null, key.get().roles().stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList());
    SecurityContextHolder.getContext().setAuthentication(authentication);
    try {
      chain.doFilter(request, response);
    } finally {
      SecurityContextHolder.clearContext();
    }
  }
}
