package dev.dbplane.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.authorization.AuthenticatedAuthorizationManager;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Lets a request in when its caller has the role its endpoint states ({@link RequiresRole}). The
 * endpoint is found as the dispatcher will find it, so that the refusal comes here, in the security
 * chain, before the body is read or a parameter judged, and is audited and answered as every 403.
 * A handler of this service that states no role is refused to all; a request no handler takes
 * needs only a caller, and is answered as unknown.
 */
final class EndpointRoles implements AuthorizationManager<RequestAuthorizationContext> {

  private static final String OWN_PACKAGE = "dev.dbplane.";

  private final RequestMappingHandlerMapping endpoints;
  private final Map<Role, AuthorizationManager<RequestAuthorizationContext>> byRole = new EnumMap<>(Role.class);
  private final AuthorizationManager<RequestAuthorizationContext> anyCaller = AuthenticatedAuthorizationManager.authenticated();

  EndpointRoles(RequestMappingHandlerMapping endpoints, RoleHierarchy hierarchy) {
    this.endpoints = endpoints;
    for (Role role : Role.values()) {
      AuthorityAuthorizationManager<RequestAuthorizationContext> hasRole = AuthorityAuthorizationManager.hasRole(role.name());
      hasRole.setRoleHierarchy(hierarchy);
      byRole.put(role, hasRole);
    }
  }

  @Override
  public AuthorizationResult authorize(Supplier<? extends Authentication> caller, RequestAuthorizationContext context) {
    HandlerMethod handler = handlerOf(context.getRequest());
    if (handler == null || !handler.getBeanType().getName().startsWith(OWN_PACKAGE)) {
      return anyCaller.authorize(caller, context);
    }
    RequiresRole role = handler.getMethodAnnotation(RequiresRole.class);
    return role == null ? new AuthorizationDecision(false) : byRole.get(role.value()).authorize(caller, context);
  }

  private @Nullable HandlerMethod handlerOf(HttpServletRequest request) {
    // The look-up leaves its findings in request attributes; the dispatcher must find its own.
    HttpServletRequest lookUp = new OwnAttributes(request);
    try {
      ServletRequestPathUtils.parseAndCache(lookUp);
      HandlerExecutionChain chain = endpoints.getHandler(lookUp);
      return chain != null && chain.getHandler() instanceof HandlerMethod method ? method : null;
    } catch (Exception e) {
      // No method or media type of the path fits: the dispatcher answers that, to a known caller.
      return null;
    }
  }

  /** The request with attributes of its own, read through to the request's. */
  private static final class OwnAttributes extends HttpServletRequestWrapper {
    private final Map<String, @Nullable Object> attributes = new HashMap<>();

    OwnAttributes(HttpServletRequest request) {
      super(request);
    }

    @Override
    public @Nullable Object getAttribute(String name) {
      return attributes.containsKey(name) ? attributes.get(name) : super.getAttribute(name);
    }

    @Override
    public void setAttribute(String name, @Nullable Object value) {
      attributes.put(name, value);
    }

    @Override
    public void removeAttribute(String name) {
      attributes.put(name, null);
    }
  }
}
