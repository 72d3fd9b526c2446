package dev.dbplane.pulumi;

import com.pulumi.resources.CustomResourceOptions;
import dev.dbplane.engine.ResourceSpec;
import dev.dbplane.engine.Secret;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * The inline program of a stack that holds one DigitalOcean resource, as every kind's does: it acts
 * with the run's token through an explicit provider, creates its resource with the provider version
 * the bindings are written for, and keeps what it exports for the engine. A kind's program adds its
 * resource, its exports and what it keeps of them.
 *
 * @param <S> the kind's normalised spec
 */
public abstract class ResourceProgram<S extends ResourceSpec> implements StackProgram {

  private final S spec;
  private final Secret token;
  private final @Nullable String apiEndpoint;
  private final AtomicReference<@Nullable Map<String, String>> outputs = new AtomicReference<>();

  /**
   * @param apiEndpoint where the DigitalOcean API is; null for DigitalOcean itself
   */
  protected ResourceProgram(S spec, Secret token, @Nullable String apiEndpoint) {
    this.spec = spec;
    this.token = token;
    this.apiEndpoint = apiEndpoint;
  }

  /** What the program provisions. */
  protected final S spec() {
    return spec;
  }

  /**
   * The options of the program's resource. Each call registers the explicit provider, so a program
   * calls this once a run, from within the run.
   */
  protected final CustomResourceOptions resourceOptions() {
    return options().build();
  }

  /**
   * The options of a resource some of whose outputs the provider's schema marks secret, which the
   * engine then keeps secret in the state as well.
   */
  protected final CustomResourceOptions resourceOptions(List<String> secretOutputs) {
    return options().additionalSecretOutputs(secretOutputs).build();
  }

  /**
   * Keeps the run's outputs for the engine. A program calls this from an apply over every value it
   * exports, which runs only once all are known: never in a preview of a change, always in an update.
   */
  protected final void keep(Map<String, String> exported) {
    outputs.set(exported);
  }

  @Override
  public final Optional<Map<String, String>> outputs() {
    return Optional.ofNullable(outputs.get());
  }

  private CustomResourceOptions.Builder options() {
    return CustomResourceOptions.builder().provider(DigitalOceanProvider.explicit(token, apiEndpoint)).version(DigitalOceanProvider.VERSION);
  }
}
