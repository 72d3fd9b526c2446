package dev.dbplane.pool;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BackendConnectionsTest {

  @CsvSource({
      "db-s-1vcpu-1gb, 22",
      "db-s-1vcpu-2gb, 47",
      "db-s-2vcpu-4gb, 97",
      "db-s-4vcpu-8gb, 197",
      "gd-2vcpu-8gb, 197",
      "so1_5-4vcpu-32gb, 797",
      "db-amd-1vcpu-1gb, 22",
      "db-intel-2vcpu-4gb, 97",
      "db-s-1vcpu-512mb, 9"})
  @ParameterizedTest
  void twentyFivePerGibOfANodesMemoryLessThree(String size, int connections) {
    assertThat(BackendConnections.of(size)).hasValue(connections);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "large", "db-s-1vcpu", "db-s-2vcpu-4tb", "db-s-1vcpu-100mb", "db-s-1vcpu-99999999999999999999gb"})
  void aSlugThatTellsNoMemoryGivesNoCount(String size) {
    assertThat(BackendConnections.of(size)).isEmpty();
  }
}
