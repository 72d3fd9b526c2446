package dev.dbplane.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonParser;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatabaseOptionsTest {

  /** Shaped as DigitalOcean's example answer, cut to one engine; its dates given both ways DigitalOcean has written them. */
  private static final String ANSWER = """
      {"options": {"pg": {"regions": ["ams3", "nyc3"], "versions": ["13", "16"],
                          "layouts": [{"num_nodes": 1, "sizes": ["db-s-1vcpu-1gb", "db-s-1vcpu-2gb"]},
                                      {"num_nodes": 3, "sizes": ["db-s-1vcpu-2gb"]}]}},
       "version_availability": {"pg": [
         {"end_of_life": "2025-11-13T00:00:00Z", "end_of_availability": "2025-05-13", "version": "13", "default": false},
         {"end_of_life": null, "version": "16", "default": true},
         {"end_of_life": "2020-01-01T00:00:00Z", "version": "9.6"}]}}
      """;

  private static DatabaseOptions parse(String json) {
    return DatabaseOptions.parse(JsonParser.parseString(json).getAsJsonObject());
  }

  @Test
  void readsAnEnginesVersionsWithTheirDatesRegionsAndLayouts() {
    EngineOptions pg = parse(ANSWER).engine("pg").orElseThrow();

    assertThat(pg.versions()).containsExactly(
        new EngineVersion("13", Instant.parse("2025-11-13T00:00:00Z"), Instant.parse("2025-05-13T00:00:00Z")),
        new EngineVersion("16", null, null));
    assertThat(pg.regions()).containsExactly("ams3", "nyc3");
    assertThat(pg.layouts()).containsExactly(
        new NodeLayout(1, List.of("db-s-1vcpu-1gb", "db-s-1vcpu-2gb")), new NodeLayout(3, List.of("db-s-1vcpu-2gb")));
  }

  @Test
  void answersWhatIsOfferedWithHowManyNodes() {
    EngineOptions pg = parse(ANSWER).engine("pg").orElseThrow();

    assertThat(pg.sizesWith(3)).containsExactly("db-s-1vcpu-2gb");
    assertThat(pg.sizesWith(2)).isEmpty();
    assertThat(pg.nodeCountsOf("db-s-1vcpu-2gb")).containsExactly(1, 3);
    assertThat(pg.nodeCountsOf("db-s-1vcpu-1gb")).containsExactly(1);
    assertThat(pg.nodeCountsOf("gd-2vcpu-8gb")).isEmpty();
    assertThat(pg.nodeCounts()).containsExactly(1, 3);
    assertThat(pg.offersRegion("nyc3")).isTrue();
    assertThat(pg.offersRegion("sfo3")).isFalse();
  }

  /** A version DigitalOcean still lists the dates of but no longer offers (9.6) is not offered. */
  @Test
  void aVersionIsOfferedOnlyWhenTheOptionsListIt() {
    EngineOptions pg = parse(ANSWER).engine("pg").orElseThrow();

    assertThat(pg.version("9.6")).isEmpty();
    assertThat(pg.version("16")).isPresent();
  }

  @Test
  void anAnswerWithoutVersionAvailabilityHasNoDates() {
    assertThat(parse("{\"options\": {\"mysql\": {\"regions\": [\"nyc3\"], \"versions\": [\"8\"], \"layouts\": []}}}").engines())
        .containsExactly(new EngineOptions("mysql", List.of(new EngineVersion("8", null, null)), List.of("nyc3"),
            List.of()));
  }

  @Test
  void anAnswerNotShapedAsDigitalOceansIsRefused() {
    assertThatThrownBy(() -> parse("{\"databases\": []}")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no options");
    assertThatThrownBy(() -> parse("{\"options\": {\"pg\": [1, 2]}}")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> parse("{\"options\": {\"pg\": {\"versions\": [\"16\"]}}, \"version_availability\": {\"pg\": "
        + "[{\"version\": \"16\", \"end_of_life\": \"soon\"}]}}")).isInstanceOf(IllegalArgumentException.class);
  }

  /** The snapshot is the emulator's answer, which follows DigitalOcean's published example. */
  @Test
  void theSnapshotOffersEveryEngineOfTheModel() {
    DatabaseOptions snapshot = DatabaseOptions.snapshot();

    assertThat(snapshot.engines()).extracting(EngineOptions::engine).contains("pg", "mysql", "redis", "valkey", "mongodb");
    assertThat(snapshot.engine("pg").orElseThrow().versions()).extracting(EngineVersion::version).containsExactly("13", "14", "15", "16", "17");
    assertThat(snapshot.engine("pg").orElseThrow().version("17").orElseThrow().endOfLife()).isEqualTo(Instant.parse("2029-11-08T00:00:00Z"));
    assertThat(snapshot.engine("valkey").orElseThrow().sizesWith(1)).contains("db-s-1vcpu-1gb");
  }
}
