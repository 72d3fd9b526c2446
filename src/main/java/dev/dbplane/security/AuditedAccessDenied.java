package dev.dbplane.security;

import dev.dbplane.audit.AuditLog;
import dev.dbplane.problem.ProblemType;
import dev.dbplane.problem.ProblemWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * A 403 is a known caller trying what its roles do not allow, most tellingly a reveal of secrets or
 * an administrative action: each is written to the audit log ({@code <action>.denied}, with who, what
 * and which cluster) before the caller is answered.
 */
final class AuditedAccessDenied implements AccessDeniedHandler {

  private static final Logger log = LoggerFactory.getLogger(AuditedAccessDenied.class);

  /** An attempt the audit log names as it names the action when it is allowed. */
  private record Attempt(RequestMatcher matcher, String action) {
    Attempt(HttpMethod method, String pattern, String action) {
      this(PathPatternRequestMatcher.withDefaults().matcher(method, pattern), action);
    }
  }

  private static final List<Attempt> ATTEMPTS = List.of(
      new Attempt(HttpMethod.POST, "/api/v1/database-clusters/{clusterId}/outputs:reveal", "outputs.reveal"),
      new Attempt(HttpMethod.POST, "/api/v1/admin/api-keys", "apikey.create"),
      new Attempt(HttpMethod.DELETE, "/api/v1/admin/api-keys/{id}", "apikey.revoke"),
      new Attempt(HttpMethod.GET, "/api/v1/admin/api-keys", "apikey.list"),
      new Attempt(HttpMethod.GET, "/api/v1/admin/audit-events", "audit.read"),
      new Attempt(HttpMethod.POST, "/api/v1/admin/secrets:re-encrypt", "secrets.reencrypt"),
      new Attempt(HttpMethod.POST, "/api/v1/database-clusters/{clusterId}/webhooks", "webhook.register"),
      new Attempt(HttpMethod.DELETE, "/api/v1/database-clusters/{clusterId}/webhooks/{webhookId}", "webhook.remove"));
  private static final RequestMatcher ANY_CLUSTER = PathPatternRequestMatcher.withDefaults().matcher("/api/v1/database-clusters/{clusterId}/**");

  private final AuditLog audit;
  private final ProblemWriter problems;

  AuditedAccessDenied(AuditLog audit, ProblemWriter problems) {
    this.audit = audit;
    this.problems = problems;
  }

  @Override
  public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied) throws IOException {
    Authentication caller = SecurityContextHolder.getContext().getAuthentication();
    String actor = caller == null ? "anonymous" : caller.getName();
    List<String> granted = caller == null ? List.of() : caller.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
    String roles = Arrays.stream(Role.values()).filter(r -> granted.contains(r.authority())).map(Role::id).collect(Collectors.joining(","));
    String action = ATTEMPTS.stream().filter(a -> a.matcher().matches(request)).map(Attempt::action).findFirst().orElse("request");
    try {
      audit.record(actor, action + ".denied", clusterId(request),
          "denied " + request.getMethod() + " " + request.getRequestURI() + ": roles [" + roles + "] do not allow it");
    } catch (RuntimeException e) {
      // Nothing was done, so the refusal stands; the log keeps what the audit log could not.
      log.warn("could not audit the denied {} of {} ({}): {}", action, actor, request.getRequestURI(), e.toString());
    }
    problems.write(request, response, ProblemType.FORBIDDEN.problem("the caller's roles do not allow this"));
  }

  private static @Nullable UUID clusterId(HttpServletRequest request) {
    Map<String, String> variables = ANY_CLUSTER.matcher(request).getVariables();
    try {
      // The segment of a cluster's own actions holds the action too: {id}:refresh.
      return variables.containsKey("clusterId") ? UUID.fromString(variables.get("clusterId").split(":", 2)[0]) : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
