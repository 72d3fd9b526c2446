package dev.dbplane.api;

import dev.dbplane.intake.UnreadableRequestException;
import dev.dbplane.resource.Violation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/** Refused requests as metrics: each broken rule, and bodies that could not be read, by kind. */
@Component
class ValidationMetrics {

  private final MeterRegistry registry;

  ValidationMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void violated(List<Violation> violations) {
    for (Violation violation : violations) {
      Counter.builder("dbplane.validation.failures").tag("rule", violation.rule()).register(registry).increment();
    }
  }

  void unreadable(UnreadableRequestException.Kind kind) {
    Counter.builder("dbplane.validation.failures").tag("rule", "intake." + kind.name().toLowerCase(Locale.ROOT)).register(registry).increment();
  }
}
