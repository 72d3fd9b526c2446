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
 * Authenticates a request that carries an API key in {@code X-API-Key} (or as {@code Authorization:
 * ApiKey <key>}). A wrong, unknown or revoked key leaves the request anonymous: public endpoints (the
 * health probes) answer it as they answer any caller, every other gets the one 401 of an anonymous
 * request, which tells nothing of which keys exist.
 */
final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

  static final String HEADER = "X-API-Key";
  static final String AUTHORIZATION_SCHEME = "ApiKey ";

  private final ApiKeyService keys;

  ApiKeyAuthenticationFilter(ApiKeyService keys) {
    this.keys = keys;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String presented = request.getHeader(HEADER);
    String authorization = request.getHeader("Authorization");
    if (presented == null && authorization != null && authorization.startsWith(AUTHORIZATION_SCHEME)) {
      // For clients that can set only Authorization, such as a Prometheus scraper.
      presented = authorization.substring(AUTHORIZATION_SCHEME.length());
    }
    if (presented == null) {
      chain.doFilter(request, response);
      return;
    }
    Optional<ApiKey> key = keys.authenticate(presented.trim());
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
