package dev.dbplane.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.util.unit.DataSize;

class DbplanePropertiesTests {

  private static DbplaneProperties bindFromEnvironment(Map<String, Object> variables) {
    StandardEnvironment environment = new StandardEnvironment();
    environment
        .getPropertySources()
        .replace(
            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
            new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
    return Binder.get(environment).bindOrCreate("dbplane", DbplaneProperties.class);
  }

  @Test
  void defaultsNeedNoConfiguration() {
    DbplaneProperties properties = bindFromEnvironment(Map.of());
    assertThat(properties.intake().maxBodySize()).isEqualTo(DataSize.ofMegabytes(1));
    assertThat(properties.digitalocean().hasDefaultToken()).isFalse();
  }

  @Test
  void theDocumentedEnvironmentVariablesBind() {
    DbplaneProperties properties =
        bindFromEnvironment(
            Map.of("DBPLANE_INTAKE_MAX_BODY_SIZE", "2MB", "DBPLANE_DIGITALOCEAN_DEFAULT_TOKEN", "dop_v1_marker"));
    assertThat(properties.intake().maxBodySize()).isEqualTo(DataSize.ofMegabytes(2));
    assertThat(properties.digitalocean().hasDefaultToken()).isTrue();
  }

  @Test
  void theTokenNeverAppearsWhenThePropertiesArePrinted() {
    DbplaneProperties properties = bindFromEnvironment(Map.of("DBPLANE_DIGITALOCEAN_DEFAULT_TOKEN", "dop_v1_marker"));
    assertThat(properties.toString()).doesNotContain("dop_v1_marker").contains("(set)");
  }

  @Test
  void aBlankTokenIsNoToken() {
    assertThat(bindFromEnvironment(Map.of("DBPLANE_DIGITALOCEAN_DEFAULT_TOKEN", " ")).digitalocean().hasDefaultToken())
        .isFalse();
  }

  @Test
  void onlyADigitalOceanApiOtherThanDigitalOceansOwnIsASandbox() {
    assertThat(bindFromEnvironment(Map.of()).pulumi().sandboxNotice()).isEmpty();
    assertThat(bindFromEnvironment(Map.of("DBPLANE_PULUMI_DIGITALOCEANAPIENDPOINT", "https://api.digitalocean.com")).pulumi().sandboxNotice())
        .isEmpty();
    assertThat(bindFromEnvironment(Map.of("DBPLANE_PULUMI_DIGITALOCEANAPIENDPOINT", "http://127.0.0.1:8090")).pulumi().sandboxNotice())
        .hasValueSatisfying(notice -> assertThat(notice).startsWith("sandbox:").contains("http://127.0.0.1:8090", "not to DigitalOcean"));
  }

  @Test
  void aJobKeepsAtMost2000EventsByDefaultAndACapUnder100IsRefused() {
    assertThat(bindFromEnvironment(Map.of()).jobs().maxEvents()).isEqualTo(2000);
    DbplaneProperties tooFew = bindFromEnvironment(Map.of("DBPLANE_JOBS_MAXEVENTS", "99"));
    try (jakarta.validation.ValidatorFactory validation = jakarta.validation.Validation.buildDefaultValidatorFactory()) {
      assertThat(validation.getValidator().validate(tooFew))
          .extracting(violation -> violation.getPropertyPath().toString())
          .containsExactly("jobs.maxEvents");
    }
  }
}
