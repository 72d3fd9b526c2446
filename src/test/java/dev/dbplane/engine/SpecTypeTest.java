package dev.dbplane.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SpecTypeTest {

  record PoolSpec(String resourceName, StackName stack) implements ResourceSpec {
    @Override
    public String kind() {
      return "Pool";
    }
  }

  record UserSpec(String resourceName, StackName stack) implements ResourceSpec {
    @Override
    public String kind() {
      return "User";
    }
  }

  private static final SpecType<PoolSpec> POOLS = new SpecType<>("Pool", PoolSpec.class);
  private static final StackName STACK = new StackName("organization", "dbplane", "dev.pool");

  @Test
  void aSpecOfTheKindIsReadAsItsClass() {
    ResourceSpec spec = new PoolSpec("pool", STACK);
    assertThat(POOLS.cast(spec).resourceName()).isEqualTo("pool");
  }

  @Test
  void aSpecOfAnotherKindIsRefusedNamingBoth() {
    assertThatThrownBy(() -> POOLS.cast(new UserSpec("user", STACK)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("User")
        .hasMessageContaining("Pool");
  }
}
