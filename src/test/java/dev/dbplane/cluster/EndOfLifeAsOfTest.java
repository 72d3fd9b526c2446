package dev.dbplane.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dbplane.catalog.DatabaseCatalog;
import dev.dbplane.config.DbplaneProperties;
import dev.dbplane.resource.Advisory;
import dev.dbplane.resource.ResourceRequest;
import dev.dbplane.resource.ResourceValidator;
import dev.dbplane.support.Manifests;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The service's cluster kind judges a version's end of life as of now, or as of
 * {@code dbplane.catalog.end-of-life-as-of}: in the snapshot postgres 15 reaches its end of life on
 * 2027-11-11, which is near (within 90 days) on 2027-09-01 and not on 2026-12-02.
 */
class EndOfLifeAsOfTest {

  @Test
  void aVersionNearItsEndOfLifeOnTheDayConfiguredIsAdvisedOf() {
    assertThat(codes(kindAsOf("2027-09-01T00:00:00Z"))).contains(CatalogRules.VERSION_NEAR_END_OF_LIFE);
    assertThat(codes(kindAsOf("2026-12-02T00:00:00Z"))).doesNotContain(CatalogRules.VERSION_NEAR_END_OF_LIFE);
  }

  @Test
  void withoutADayConfiguredItIsJudgedAsOfNow() {
    assertThat(properties(Map.of()).catalog().endOfLifeAsOf()).isNull();
  }

  private static List<String> codes(ClusterKind kind) {
    return new ResourceValidator<>(kind, true).validate(ResourceRequest.of(Manifests.withSpec(spec -> spec.setEngineVersion("15"))))
        .advisories().stream().map(Advisory::code).toList();
  }

  private static ClusterKind kindAsOf(String day) {
    return new ClusterKind(ClusterPolicies.none(), DatabaseCatalog.snapshot(), properties(Map.of("DBPLANE_CATALOG_END_OF_LIFE_AS_OF", day)));
  }

  private static DbplaneProperties properties(Map<String, Object> variables) {
    StandardEnvironment environment = new StandardEnvironment();
    // Only these variables: the tests' JVM sets the property itself (see the pom).
    environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
    environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
        new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
    return Binder.get(environment).bindOrCreate("dbplane", DbplaneProperties.class);
  }
}
