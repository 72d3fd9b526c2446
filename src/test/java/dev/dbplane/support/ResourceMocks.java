package dev.dbplane.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.pulumi.core.Output;
import com.pulumi.core.internal.Internal;
import com.pulumi.test.Mocks;
import com.pulumi.test.PulumiTest;
import com.pulumi.test.TestResult;
import dev.dbplane.pulumi.StackProgram;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Pulumi's mocks for a kind's program: they record every resource the program registers and answer
 * for the kind's resource as DigitalOcean would, with its id and state; any other resource (the
 * provider) gets an id of its own name and no state.
 */
public final class ResourceMocks implements Mocks {

  /** The Pulumi type of the explicit provider a kind's program registers. */
  private static final String PROVIDER = "pulumi:providers:digitalocean";

  private final String type;
  private final String id;
  private final Map<String, Object> state;
  private final List<ResourceArgs> registered = new CopyOnWriteArrayList<>();

  public ResourceMocks(String type, String id, Map<String, Object> state) {
    this.type = type;
    this.id = id;
    this.state = Map.copyOf(state);
  }

  @Override
  public CompletableFuture<ResourceResult> newResourceAsync(ResourceArgs args) {
    registered.add(args);
    return CompletableFuture.completedFuture(
        args.type.equals(type) ? ResourceResult.of(Optional.of(id), state) : ResourceResult.of(Optional.of(args.name + "-id"), Map.of()));
  }

  /** Runs the program under these mocks; the run must end without an error. */
  public TestResult run(StackProgram program) {
    TestResult result = PulumiTest.withMocks(this).runTest(program);
    assertThat(result.errors()).isEmpty();
    assertThat(result.exitCode()).isZero();
    return result;
  }

  /** The one resource of this type the program registered. */
  public ResourceArgs only(String resourceType) {
    List<ResourceArgs> ofType = registered.stream().filter(r -> r.type.equals(resourceType)).toList();
    if (ofType.size() != 1) {
      throw new AssertionError(ofType.size() + " resources of " + resourceType + ", not one");
    }
    return ofType.get(0);
  }

  /** The explicit provider the program registered. */
  public ResourceArgs provider() {
    return only(PROVIDER);
  }

  /** The value of a stack output of the run. */
  public static Object value(TestResult result, String name) {
    return PulumiTest.extractValue(result.output(name));
  }

  public static boolean isSecret(Output<?> output) {
    return Internal.of(output).isSecret().join();
  }
}
