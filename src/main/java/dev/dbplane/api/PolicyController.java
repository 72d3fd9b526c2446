package dev.dbplane.api;

import dev.dbplane.cluster.ClusterPolicies;
import dev.dbplane.security.RequiresRole;
import dev.dbplane.security.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Locale;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The rules each environment sets for its clusters, for a portal to show before it submits. */
@RestController
@RequestMapping("/api/v1/policies")
@Tag(name = "policies")
class PolicyController {

  /**
   * @param mode {@code enforce}: a cluster that breaks a rule is refused (422 invalid-spec, the rule
   *     at its field); {@code advise}: it is accepted, with the rule among its warnings
   */
  record EnvironmentView(String env, String mode, List<ClusterPolicies.Rule> rules) {}

  record PoliciesView(List<EnvironmentView> environments) {}

  private final ClusterPolicies policies;

  PolicyController(ClusterPolicies policies) {
    this.policies = policies;
  }

  @Operation(
      operationId = "listPolicies",
      summary = "List the policies of each environment",
      description = "What dbplane.policy.environments configures: per metadata.env, whether its rules refuse or advise, and each rule "
          + "with its id (dbplane.policy.*), the field it judges and what it requires. Applied at validate, create and update.")
  @RequiresRole(Role.VIEWER)
  @GetMapping
  PoliciesView list() {
    return new PoliciesView(policies.environments().stream()
        .map(env -> new EnvironmentView(env.env(), env.mode().name().toLowerCase(Locale.ROOT), env.rules()))
        .toList());
  }
}
