package dev.dbplane.pulumi;

import com.pulumi.automation.events.DiagnosticEvent;
import com.pulumi.automation.events.EngineEvent;
import com.pulumi.automation.events.StepEventMetadata;
import dev.dbplane.engine.StackEvent;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Pulumi's engine events as the job's progress events: resource steps, DigitalOcean's words and
 * warnings, the summary. Not the final "cancel" event: it only marks the end of every event log.
 */
final class EngineEvents {

  private EngineEvents() {}

  static Optional<StackEvent> toStackEvent(EngineEvent event) {
    if (event.diagnosticEvent() != null) {
      DiagnosticEvent d = event.diagnosticEvent();
      // Debug diagnostics are dumps of gRPC messages (a resource's outputs, the password among
      // them): nothing for a person, and a secret in waiting.
      if (d.message() == null || d.message().isBlank() || "debug".equalsIgnoreCase(d.severity())) {
        return Optional.empty();
      }
      return Optional.of(new StackEvent("diagnostic-" + lower(d.severity()), PulumiFailures.scrub(d.message().strip()), d.urn()));
    }
    if (event.resourcePreEvent() != null) {
      StepEventMetadata m = event.resourcePreEvent().metadata();
      return Optional.of(new StackEvent("resource-" + lower(m.op().name()), describe(m), m.urn()));
    }
    if (event.resourceOutputsEvent() != null) {
      StepEventMetadata m = event.resourceOutputsEvent().metadata();
      return Optional.of(new StackEvent("resource-" + lower(m.op().name()) + "-done", describe(m), m.urn()));
    }
    if (event.resourceOperationFailedEvent() != null) {
      StepEventMetadata m = event.resourceOperationFailedEvent().metadata();
      return Optional.of(new StackEvent("resource-failed", describe(m) + " failed", m.urn()));
    }
    if (event.summaryEvent() != null) {
      String changes =
          event.summaryEvent().resourceChanges().entrySet().stream()
              .map(e -> lower(e.getKey().name()) + " " + e.getValue())
              .collect(Collectors.joining(", "));
      return Optional.of(StackEvent.of("summary", "resources: " + (changes.isEmpty() ? "no changes" : changes)
          + " in " + event.summaryEvent().durationSeconds() + "s"));
    }
    return Optional.empty();
  }

  /** "update digitalocean:index/databaseCluster:DatabaseCluster database-cluster: size, nodeCount". */
  private static String describe(StepEventMetadata m) {
    String name = m.urn() == null ? "" : m.urn().substring(m.urn().lastIndexOf("::") + 2);
    String diffs = m.diffs() == null || m.diffs().isEmpty() ? "" : ": " + String.join(", ", m.diffs());
    return lower(m.op().name()) + " " + m.type() + " " + name + diffs;
  }

  private static String lower(String text) {
    return text == null ? "" : text.toLowerCase(Locale.ROOT);
  }
}
