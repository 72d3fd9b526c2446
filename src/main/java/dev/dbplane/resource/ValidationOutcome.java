package dev.dbplane.resource;

import dev.dbplane.engine.ResourceSpec;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The judgement of one request: every violation and every advisory, and, when there is no
 * violation, the normalised spec that would be provisioned.
 */
public record ValidationOutcome<S extends ResourceSpec>(List<Violation> violations, List<Advisory> advisories, @Nullable S spec) {

  public boolean valid() {
    return violations.isEmpty();
  }

  public Optional<S> provisioningSpec() {
    return Optional.ofNullable(spec);
  }
}
