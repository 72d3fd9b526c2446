package dev.dbplane.cluster;

import dev.dbplane.engine.ProvisioningSpec;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The judgement of one request: every violation and every advisory, and, when there is no
 * violation, the normalised spec that would be provisioned.
 */
public record ValidationOutcome(
    List<Violation> violations, List<Advisory> advisories, @Nullable ProvisioningSpec spec) {

  public boolean valid() {
    return violations.isEmpty();
  }

  public Optional<ProvisioningSpec> provisioningSpec() {
    return Optional.ofNullable(spec);
  }
}
