package dev.dbplane.api;

import dev.dbplane.cluster.ClusterKind;
import dev.dbplane.config.DbplaneProperties;
import dev.dbplane.resource.DriftChecks;
import dev.dbplane.resource.DriftSchedule;
import dev.dbplane.security.Requesters;
import dev.dbplane.security.RequiresRole;
import dev.dbplane.security.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A cluster's drift schedule: how often a drift check (a refresh only previewed) is queued for it. */
@RestController
@RequestMapping("/api/v1/database-clusters/{id}/drift-schedule")
@Tag(name = "database-clusters")
class DriftScheduleController {

  /** @param every an ISO-8601 duration, such as PT6H */
  record ScheduleRequest(@Schema(example = "PT6H") @Nullable String every) {}

  record ScheduleView(String every, Instant nextCheckAt, String updatedBy, Instant updatedAt) {

    static ScheduleView of(DriftSchedule schedule) {
      return new ScheduleView(schedule.every().toString(), schedule.nextCheckAt(), schedule.updatedBy(), schedule.updatedAt());
    }
  }

  private final DriftChecks drift;
  private final ClusterKind clusters;
  private final Duration minimumEvery;

  DriftScheduleController(DriftChecks drift, ClusterKind clusters, DbplaneProperties properties) {
    this.drift = drift;
    this.clusters = clusters;
    this.minimumEvery = properties.drift().minimumEvery();
  }

  @Operation(
      operationId = "setDriftSchedule",
      summary = "Set a cluster's drift schedule",
      description = "Every so often (every, at least dbplane.drift.minimum-every), a DRIFT_CHECK job compares the cluster's stack with "
          + "DigitalOcean and changes nothing, not even the stack's state; a cluster that drifted is marked DRIFTED and its webhooks get "
          + "cluster.drift-detected. The first check comes one period from now. A check due while another job of the cluster is active "
          + "comes at a later sweep. The schedule survives restarts and runs on one replica.",
      responses = {
        @ApiResponse(responseCode = "200", description = "The schedule"),
        @ApiResponse(responseCode = "400", ref = ProblemDocs.INVALID_PARAMETER),
        @ApiResponse(responseCode = "404", ref = ProblemDocs.NOT_FOUND)
      })
  @RequiresRole(Role.OPERATOR)
  @PutMapping(consumes = "application/json")
  ScheduleView set(@PathVariable UUID id, @RequestBody ScheduleRequest body, HttpServletRequest request) {
    return ScheduleView.of(drift.schedule(clusters, id, every(body.every()), Requesters.of(request)));
  }

  @Operation(operationId = "getDriftSchedule", summary = "Read a cluster's drift schedule",
      responses = {@ApiResponse(responseCode = "200", description = "The schedule"), @ApiResponse(responseCode = "404", ref = ProblemDocs.NOT_FOUND)})
  @RequiresRole(Role.VIEWER)
  @GetMapping
  ScheduleView get(@PathVariable UUID id) {
    return ScheduleView.of(drift.scheduleOf(clusters, id));
  }

  @Operation(operationId = "removeDriftSchedule", summary = "Remove a cluster's drift schedule",
      responses = {@ApiResponse(responseCode = "204", description = "Removed"), @ApiResponse(responseCode = "404", ref = ProblemDocs.NOT_FOUND)})
  @RequiresRole(Role.OPERATOR)
  @DeleteMapping
  ResponseEntity<Void> remove(@PathVariable UUID id, HttpServletRequest request) {
    drift.unschedule(clusters, id, Requesters.of(request));
    return ResponseEntity.noContent().build();
  }

  private Duration every(@Nullable String every) {
    if (every == null || every.isBlank()) {
      throw new InvalidParameterException("every", "is required: an ISO-8601 duration such as PT6H");
    }
    Duration parsed;
    try {
      parsed = Duration.parse(every);
    } catch (DateTimeParseException e) {
      throw new InvalidParameterException("every", "must be an ISO-8601 duration such as PT6H, not " + every);
    }
    if (parsed.compareTo(minimumEvery) < 0) {
      throw new InvalidParameterException("every", "must be at least " + minimumEvery + " (dbplane.drift.minimum-every)");
    }
    return parsed;
  }
}
