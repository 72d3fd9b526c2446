package dev.dbplane.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits how many changes each caller sends, with a token bucket per caller (per replica): a burst
 * up to the limit, then the limit per minute. Over it, a 429 with Retry-After. Reads and validation
 * are not limited.
 */
final class MutationRateLimitFilter extends OncePerRequestFilter {

  private static final Set<String> MUTATIONS = Set.of("POST", "PUT", "PATCH", "DELETE");
  private static final int MAX_CALLERS = 100_000;

  private final int perMinute;
  private final Problems problems;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  MutationRateLimitFilter(int perMinute, Problems problems) {
    this.perMinute = perMinute;
    this.problems = problems;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !MUTATIONS.contains(request.getMethod())
        || !request.getRequestURI().startsWith("/api/")
        || request.getRequestURI().endsWith(":validate");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Authentication caller = SecurityContextHolder.getContext().getAuthentication();
    if (caller == null || !caller.isAuthenticated()) {
      chain.doFilter(request, response);
      return;
    }
    if (buckets.size() > MAX_CALLERS) {
      buckets.clear();
    }
    long waitSeconds = buckets.computeIfAbsent(caller.getName(), name -> new Bucket(perMinute)).take();
    if (waitSeconds > 0) {
      response.setHeader("Retry-After", Long.toString(waitSeconds));
      problems.write(request, response, 429, "rate-limited", "Too many changes",
          "at most " + perMinute + " changes a minute per caller; retry in " + waitSeconds + " s");
      return;
    }
    chain.doFilter(request, response);
  }

  /** Refills continuously at perMinute per minute, holding at most perMinute tokens. */
  private static final class Bucket {
    private final double capacity;
    private final double perNano;
    private double tokens;
    private long last = System.nanoTime();

    Bucket(int perMinute) {
      this.capacity = perMinute;
      this.perNano = perMinute / 60e9;
      this.tokens = perMinute;
    }

    /** Takes a token; 0 when one was there, otherwise the seconds until one will be. */
    synchronized long take() {
      long now = System.nanoTime();
      tokens = Math.min(capacity, tokens + (now - last) * perNano);
      last = now;
      if (tokens >= 1) {
        tokens -= 1;
        return 0;
      }
      return Math.max(1, (long) Math.ceil((1 - tokens) / perNano / 1e9));
    }
  }
}
