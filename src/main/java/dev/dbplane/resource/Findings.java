package dev.dbplane.resource;

import java.util.ArrayList;
import java.util.List;

/** Collects every violation and advisory of one request, so the caller hears of all at once. */
public final class Findings {

  private final String manifestPath;
  private final List<Violation> violations = new ArrayList<>();
  private final List<Advisory> advisories = new ArrayList<>();

  public Findings(String manifestPath) {
    this.manifestPath = manifestPath;
  }

  /** A violation of a field of the manifest; the path is relative to the manifest. */
  public void violation(String manifestField, String rule, String message) {
    violations.add(new Violation(manifestPath + manifestField, rule, message));
  }

  /** A violation at a path of the request as a whole (for example the provider config). */
  public void requestViolation(String requestField, String rule, String message) {
    violations.add(new Violation(requestField, rule, message));
  }

  public boolean hasViolation(String manifestField) {
    return violations.stream().anyMatch(v -> v.field().equals(manifestPath + manifestField));
  }

  public void advise(String manifestField, String code, String message) {
    advisories.add(new Advisory(manifestPath + manifestField, code, message));
  }

  /**
   * A rule of a policy broken: a violation where the policy is enforced, else the same as advice,
   * saying that it is not enforced.
   */
  public void policyBroken(boolean enforced, String manifestField, String rule, String message) {
    if (enforced) {
      violation(manifestField, rule, message);
    } else {
      advise(manifestField, rule, message + " (advice: the policy of this env is not enforced)");
    }
  }

  /** Advice about a path of the request as a whole (for example the provider config). */
  public void adviseRequest(String requestField, String code, String message) {
    advisories.add(new Advisory(requestField, code, message));
  }

  public List<Violation> violations() {
    return List.copyOf(violations);
  }

  public List<Advisory> advisories() {
    return List.copyOf(advisories);
  }
}
