package dev.dbplane.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The credential a request presents, read one way for the filter that checks it and for the 401
 * that says what was wrong with it. API keys come in {@code X-API-Key}, or in {@code
 * Authorization} as {@code ApiKey <key>} or {@code Bearer <key>} (DigitalOcean's convention for its
 * own tokens); any other bearer token is an OAuth2 access token.
 */
record PresentedCredential(Kind kind, String where, @Nullable String value) {

  enum Kind { NONE, API_KEY, BEARER_TOKEN, UNSUPPORTED }

  private static final String BEARER = "bearer ";
  private static final String API_KEY = "apikey ";

  static PresentedCredential of(HttpServletRequest request) {
    String header = request.getHeader(ApiKeyAuthenticationFilter.HEADER);
    if (header != null) {
      return new PresentedCredential(Kind.API_KEY, ApiKeyAuthenticationFilter.HEADER, header.trim());
    }
    String authorization = request.getHeader("Authorization");
    if (authorization == null || authorization.isBlank()) {
      return new PresentedCredential(Kind.NONE, "", null);
    }
    String lower = authorization.toLowerCase(Locale.ROOT);
    if (lower.startsWith(API_KEY)) {
      return new PresentedCredential(Kind.API_KEY, "Authorization: ApiKey", authorization.substring(API_KEY.length()).trim());
    }
    if (lower.startsWith(BEARER)) {
      String token = authorization.substring(BEARER.length()).trim();
      return token.startsWith(ApiKeyService.PREFIX)
          ? new PresentedCredential(Kind.API_KEY, "Authorization: Bearer", token)
          : new PresentedCredential(Kind.BEARER_TOKEN, "Authorization: Bearer", token);
    }
    // Only the scheme's name is ever repeated, and only if it is one.
    String scheme = authorization.strip().split("\\s+", 2)[0];
    return new PresentedCredential(Kind.UNSUPPORTED, scheme.matches("[A-Za-z][A-Za-z0-9-]{0,19}") ? scheme : "(unreadable)", null);
  }

  /**
   * Why a request with this credential is not authenticated, and what to send instead; the same for
   * every wrong key, so it tells nothing of which keys exist.
   */
  String refusal(boolean bearerTokensAccepted) {
    String why =
        switch (kind) {
          case NONE -> "no credentials were sent";
          case API_KEY -> "the API key sent in " + where + " is not valid (unknown, revoked or mistyped)";
          case BEARER_TOKEN -> bearerTokensAccepted
              ? "the bearer token was refused (expired, not yet valid, or not signed by the configured issuer)"
              : "the bearer token is not an API key (dbp_...), and this server accepts no other bearer tokens: no token issuer is configured";
          case UNSUPPORTED -> "the Authorization scheme " + where + " is not accepted";
        };
    return why + "; send an API key (dbp_...) in X-API-Key or as Authorization: Bearer <key>"
        + (bearerTokensAccepted ? ", or a bearer token of the configured issuer" : "");
  }
}
