package dev.dbplane.security;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.context.support.StaticWebApplicationContext;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Each endpoint states its role, and a caller is let in by it alone: with that role or one that
 * includes it. An endpoint that states none is refused to all.
 */
class EndpointRolesTest {

  /** Endpoints of this service, as a controller states them; no stereotype, so that no test context scans them. */
  @RequestMapping("/api/v1/things")
  static class Things {
    @RequiresRole(Role.VIEWER)
    @GetMapping
    String list() {
      return "";
    }

    @RequiresRole(Role.OPERATOR)
    @PostMapping
    String create() {
      return "";
    }

    @PostMapping("/{id}:forget")
    String forget() {
      return "";
    }
  }

  private final EndpointRoles roles = new EndpointRoles(mappingOf(new Things()), new SecurityConfiguration().roleHierarchy());

  private static RequestMappingHandlerMapping mappingOf(Object controller) {
    StaticWebApplicationContext context = new StaticWebApplicationContext();
    context.getBeanFactory().registerSingleton("things", controller);
    context.refresh();
    RequestMappingHandlerMapping mapping = new RequestMappingHandlerMapping() {
      @Override
      protected boolean isHandler(Class<?> beanType) {
        return beanType == controller.getClass();
      }
    };
    mapping.setApplicationContext(context);
    mapping.afterPropertiesSet();
    return mapping;
  }

  private static Authentication caller(Role... roles) {
    List<String> authorities = java.util.Arrays.stream(roles).map(Role::authority).toList();
    return new TestingAuthenticationToken("apikey:test", "", authorities.toArray(String[]::new));
  }

  private boolean allowed(String method, String path, Authentication caller) {
    MockHttpServletRequest request = new MockHttpServletRequest(method, path);
    return roles.authorize(() -> caller, new RequestAuthorizationContext(request)).isGranted();
  }

  @Test
  void aCallerWithTheStatedRoleOrOneThatIncludesItIsLetIn() {
    assertThat(allowed("POST", "/api/v1/things", caller(Role.OPERATOR))).isTrue();
    assertThat(allowed("POST", "/api/v1/things", caller(Role.ADMIN))).isTrue();
    assertThat(allowed("GET", "/api/v1/things", caller(Role.SECRETS_READER))).isTrue();
  }

  @Test
  void aCallerWithoutItIsRefused() {
    assertThat(allowed("POST", "/api/v1/things", caller(Role.VIEWER))).isFalse();
    assertThat(allowed("POST", "/api/v1/things", caller(Role.SECRETS_READER))).isFalse();
    assertThat(allowed("GET", "/api/v1/things", caller())).isFalse();
  }

  @Test
  void anEndpointThatStatesNoRoleIsRefusedToAll() {
    assertThat(allowed("POST", "/api/v1/things/1:forget", caller(Role.ADMIN))).isFalse();
  }

  @Test
  void aRequestNoEndpointTakesNeedsOnlyACallerAndIsThenAnsweredAsUnknown() {
    assertThat(allowed("GET", "/api/v1/nothing", caller())).isTrue();
    assertThat(allowed("DELETE", "/api/v1/things", caller())).isTrue();
    AnonymousAuthenticationToken anonymous = new AnonymousAuthenticationToken("key", "anonymous", AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));
    assertThat(allowed("GET", "/api/v1/nothing", anonymous)).isFalse();
  }

  @Test
  void everyHandlerOfTheApiStatesItsRole() {
    methods().that().areDeclaredInClassesThat().resideInAPackage("dev.dbplane.api..")
        .and().areMetaAnnotatedWith(RequestMapping.class)
        .should().beAnnotatedWith(RequiresRole.class)
        .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.dbplane.api"));
  }
}
