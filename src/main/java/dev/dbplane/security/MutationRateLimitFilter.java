package dev.dbplane.security;

import dev.dbplane.problem.ProblemType;
import dev.dbplane.problem.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits how many changes each caller sends, with a token bucket per caller that every replica
 * shares ({@link ChangeBuckets}): a burst up to the limit, then the limit per minute, for all
 * replicas together. Over it, a 429 with Retry-After. Reads and validation are not limited.
 */
final class MutationRateLimitFilter extends OncePerRequestFilter {

  private static final Set<String> MUTATIONS = Set.of("POST", "PUT", "PATCH", "DELETE");

  private final int perMinute;
  private final ChangeBuckets buckets;
  private final ProblemWriter problems;

  MutationRateLimitFilter(int perMinute, ChangeBuckets buckets, ProblemWriter problems) {
    this.perMinute = perMinute;
    this.buckets = buckets;
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
    long waitSeconds = buckets.take(caller.getName());
    if (waitSeconds > 0) {
      response.setHeader("Retry-After", Long.toString(waitSeconds));
      problems.write(request, response, ProblemType.RATE_LIMITED.problem(
          "at most " + perMinute + " changes a minute per caller, across all replicas; retry in " + waitSeconds + " s"));
      return;
    }
    chain.doFilter(request, response);
  }
}
