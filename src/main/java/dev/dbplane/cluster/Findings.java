package dev.dbplane.cluster;

import java.util.ArrayList;
import java.util.List;

/** Collects every violation and advisory of one request, so the caller hears of all at once. */
final class Findings {

  private final String manifestPath;
  private final List<Violation> violations = new ArrayList<>();
  private final List<Advisory> advisories = new ArrayList<>();

  Findings(String manifestPath) {
    this.manifestPath = manifestPath;
  }

  /** A violation of a field of the manifest; the path is relative to the manifest. */
  void violation(String manifestField, String rule, String message) {
    violations.add(new Violation(manifestPath + manifestField, rule, message));
  }

  /** A violation at a path of the request as a whole (for example the provider config). */
  void requestViolation(String requestField, String rule, String message) {
    violations.add(new Violation(requestField, rule, message));
  }

  boolean hasViolation(String manifestField) {
    return violations.stream().anyMatch(v -> v.field().equals(manifestPath + manifestField));
  }

  void advise(String manifestField, String code, String message) {
    advisories.add(new Advisory(manifestPath + manifestField, code, message));
  }

  /** Advice about a path of the request as a whole (for example the provider config). */
  void adviseRequest(String requestField, String code, String message) {
    advisories.add(new Advisory(requestField, code, message));
  }

  List<Violation> violations() {
    return List.copyOf(violations);
  }

  List<Advisory> advisories() {
    return List.copyOf(advisories);
  }
}
