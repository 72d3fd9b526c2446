package dev.dbplane.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dbplane.support.TestServerSources.Choice;
import dev.dbplane.support.TestServerSources.Way;
import dev.dbplane.support.TestServerSources.Source;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** The choice of a test server's source, with the environment and the Docker probe given, so no Docker is needed. */
class TestServerSourcesTest {

  private static final String URL = "jdbc:postgresql://db.internal:5432/postgres?password=s3cret";
  private static final BooleanSupplier DOCKER = () -> true;
  private static final BooleanSupplier NO_DOCKER = () -> false;
  private static final BooleanSupplier NOT_PROBED = () -> {
    throw new AssertionError("the Docker probe ran although the choice did not need it");
  };

  private static final Way DEBIAN = new Way(Source.LOCAL, () -> true, "no Debian PostgreSQL is installed");
  private static final Way NO_DEBIAN = new Way(Source.LOCAL, () -> false, "no Debian PostgreSQL is installed");
  private static final Way EMBEDDED = new Way(Source.EMBEDDED, () -> true, "the tests run as root");
  private static final Way NO_EMBEDDED = new Way(Source.EMBEDDED, () -> false, "the tests run as root");

  @Test
  void aSetUrlWinsWithoutProbingDocker() {
    Choice choice = choose(Map.of("DBPLANE_TEST_POSTGRES_URL", URL), NOT_PROBED, DEBIAN, EMBEDDED);

    assertThat(choice.source()).isEqualTo(Source.URL);
    assertThat(choice.summary()).startsWith("url (DBPLANE_TEST_POSTGRES_URL is set;").doesNotContain(URL);
  }

  @Test
  void withoutUrlAReachableDockerGivesTheContainer() {
    Choice choice = choose(Map.of(), DOCKER, DEBIAN, EMBEDDED);

    assertThat(choice.source()).isEqualTo(Source.CONTAINER);
    assertThat(choice.why()).isEqualTo("DBPLANE_TEST_POSTGRES_URL is not set; "
        + "DBPLANE_TEST_POSTGRES=url|container|local|embedded forces one");
  }

  @Test
  void withoutUrlOrDockerTheWaysKeepTheirOrder() {
    assertThat(choose(Map.of(), NO_DOCKER, DEBIAN, EMBEDDED).source()).isEqualTo(Source.LOCAL);
    Choice embedded = choose(Map.of(), NO_DOCKER, NO_DEBIAN, EMBEDDED);
    assertThat(embedded.source()).isEqualTo(Source.EMBEDDED);
    assertThat(embedded.why()).startsWith("DBPLANE_TEST_POSTGRES_URL is not set; no Docker engine is reachable; "
        + "no Debian PostgreSQL is installed;");
  }

  @Test
  void noWayAtAllFailsWithEveryReason() {
    assertThatThrownBy(() -> choose(Map.of(), NO_DOCKER, NO_DEBIAN, NO_EMBEDDED))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("no PostgreSQL for the tests: DBPLANE_TEST_POSTGRES_URL is not set; no Docker engine is "
            + "reachable; no Debian PostgreSQL is installed; the tests run as root.");
  }

  @Test
  void aForcedSourceWinsOverASetUrlAndAReachableDocker() {
    Choice choice = choose(Map.of("DBPLANE_TEST_POSTGRES", "local", "DBPLANE_TEST_POSTGRES_URL", URL), NOT_PROBED,
        DEBIAN, EMBEDDED);

    assertThat(choice).isEqualTo(new Choice(Source.LOCAL, "forced by DBPLANE_TEST_POSTGRES=local"));
  }

  @Test
  void aForcedContainerProbesDocker() {
    assertThat(choose(Map.of("DBPLANE_TEST_POSTGRES", "container"), DOCKER, DEBIAN).source())
        .isEqualTo(Source.CONTAINER);
    assertThatThrownBy(() -> choose(Map.of("DBPLANE_TEST_POSTGRES", "container"), NO_DOCKER, DEBIAN))
        .hasMessage("DBPLANE_TEST_POSTGRES=container asks for this source of PostgreSQL, but no Docker engine is reachable");
  }

  @Test
  void aForcedSourceThatCannotRunFailsInsteadOfFallingBack() {
    assertThatThrownBy(() -> choose(Map.of("DBPLANE_TEST_POSTGRES", "url"), DOCKER, DEBIAN))
        .hasMessage("DBPLANE_TEST_POSTGRES=url asks for this source of PostgreSQL, but DBPLANE_TEST_POSTGRES_URL is not set");
    assertThatThrownBy(() -> choose(Map.of("DBPLANE_TEST_POSTGRES", "embedded"), DOCKER, DEBIAN, NO_EMBEDDED))
        .hasMessageEndingWith("but the tests run as root");
  }

  @Test
  void anUnknownOrUnofferedSourceIsNamedWithTheChoices() {
    assertThatThrownBy(() -> choose(Map.of("DBPLANE_TEST_POSTGRES", "docker"), DOCKER, DEBIAN, EMBEDDED))
        .hasMessage("DBPLANE_TEST_POSTGRES=docker is not a source of PostgreSQL for the tests: one of "
            + "url|container|local|embedded");
    // A kind without an embedded way (a store whose only local way is a binary) does not offer it.
    assertThatThrownBy(() -> choose(Map.of("DBPLANE_TEST_POSTGRES", "embedded"), DOCKER, DEBIAN))
        .hasMessageEndingWith("one of url|container|local");
  }

  private static Choice choose(Map<String, String> env, BooleanSupplier docker, Way... localWays) {
    return TestServerSources.choose("PostgreSQL", "DBPLANE_TEST_POSTGRES", env, docker, List.of(localWays));
  }
}
