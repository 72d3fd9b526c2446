package dev.dbplane.security;

import dev.dbplane.audit.AuditLog;
import dev.dbplane.config.DbplaneProperties;
import dev.dbplane.problem.ProblemType;
import dev.dbplane.problem.ProblemWriter;
import jakarta.servlet.DispatcherType;
import java.util.Collection;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every endpoint but health and the API documents needs a caller: an API key ({@code X-API-Key}) or,
 * when an issuer is configured, an OAuth2 bearer token whose roles claim names its roles. Each
 * endpoint of the API states the role it needs ({@link RequiresRole}); the metrics and the build
 * info need viewer.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  @Bean
  ApiKeyService apiKeyService(JdbcClient jdbc, DbplaneProperties properties, AuditLog audit) {
    return new ApiKeyService(jdbc, properties.security().apiKeys(), audit);
  }

  @Bean
  RoleHierarchy roleHierarchy() {
    return RoleHierarchyImpl.withDefaultRolePrefix()
        .role(Role.ADMIN.name()).implies(Role.OPERATOR.name(), Role.SECRETS_READER.name())
        .role(Role.OPERATOR.name()).implies(Role.VIEWER.name())
        .role(Role.SECRETS_READER.name()).implies(Role.VIEWER.name())
        .build();
  }

  /** The firewall's refusals ('//', '/../', ';', an encoded '/', ...) in the API's own form. */
  @Bean
  RequestRejectedHandler requestRejectedHandler(ProblemWriter problems) {
    return (request, response, rejected) -> problems.write(request, response, ProblemType.REJECTED_REQUEST.problem(
        "the URL holds a sequence the service refuses (such as '//', '/../', ';', an encoded '/' or '%', a '\\' or "
            + "control characters) or a header is not allowed; send a normalised URL"));
  }

  @Bean
  ChangeBuckets changeBuckets(JdbcClient jdbc, DbplaneProperties properties) {
    return new ChangeBuckets(jdbc, properties.security().mutationsPerMinute());
  }

  @Bean
  SecurityFilterChain api(HttpSecurity http, ApiKeyService keys, DbplaneProperties properties, ProblemWriter problems, AuditLog audit,
      ChangeBuckets changeBuckets, ObjectProvider<JwtDecoder> jwtDecoder, RoleHierarchy roles,
      @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping endpoints) throws Exception {
    boolean bearerTokens = jwtDecoder.getIfAvailable() != null;
    http.csrf(csrf -> csrf.disable())
        .httpBasic(basic -> basic.disable())
        .formLogin(form -> form.disable())
        .logout(logout -> logout.disable())
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .authorizeHttpRequests(requests -> requests
            // The request that started a live stream was authorized; its async dispatches (each event
            // and the end) carry no credentials and must not be judged again, or the stream is cut.
            .dispatcherTypeMatchers(DispatcherType.ASYNC).permitAll()
            .requestMatchers("/actuator/health", "/actuator/health/**", "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml",
                "/swagger-ui.html", "/swagger-ui/**", "/error").permitAll()
            .requestMatchers("/actuator/prometheus", "/actuator/info").hasRole(Role.VIEWER.name())
            // The API's endpoints state their roles themselves (RequiresRole).
            .anyRequest().access(new EndpointRoles(endpoints, roles)))
        .addFilterBefore(new ApiKeyAuthenticationFilter(keys), UsernamePasswordAuthenticationFilter.class)
        .addFilterBefore(new MutationRateLimitFilter(properties.security().mutationsPerMinute(), changeBuckets, problems), AuthorizationFilter.class)
        .exceptionHandling(errors -> errors
            .authenticationEntryPoint(new AuthenticationRequired(problems, bearerTokens))
            .accessDeniedHandler(new AuditedAccessDenied(audit, problems)));
    if (bearerTokens) {
      DefaultBearerTokenResolver tokens = new DefaultBearerTokenResolver();
      http.oauth2ResourceServer(oauth -> oauth
          // An API key sent as a bearer token is the key filter's, never a JWT to decode.
          .bearerTokenResolver(request -> PresentedCredential.of(request).kind() == PresentedCredential.Kind.BEARER_TOKEN
              ? tokens.resolve(request) : null)
          .jwt(jwt -> jwt.jwtAuthenticationConverter(rolesFrom(properties.security().jwtRolesClaim())))
          .authenticationEntryPoint(new AuthenticationRequired(problems, true)));
    }
    return http.build();
  }

  /** The token's roles claim (a list, or a space-separated string) names its roles. */
  private static JwtAuthenticationConverter rolesFrom(String claim) {
    JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
    converter.setJwtGrantedAuthoritiesConverter((Jwt jwt) -> {
      Object value = jwt.getClaims().get(claim);
      Collection<String> names =
          value instanceof Collection<?> list ? list.stream().map(String::valueOf).toList()
              : value instanceof String text ? List.of(text.split("\\s+")) : List.of();
      return names.stream().map(Role::of).flatMap(java.util.Optional::stream)
          .map(role -> (GrantedAuthority) new SimpleGrantedAuthority(role.authority())).toList();
    });
    return converter;
  }
}
