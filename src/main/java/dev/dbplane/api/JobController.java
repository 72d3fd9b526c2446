package dev.dbplane.api;

import dev.dbplane.engine.Operation;
import dev.dbplane.job.JobFilter;
import dev.dbplane.job.JobService;
import dev.dbplane.job.JobStatus;
import dev.dbplane.security.Requesters;
import dev.dbplane.security.RequiresRole;
import dev.dbplane.security.Role;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** Jobs: read them, follow their progress, cancel them. */
@RestController
@RequestMapping("/api/v1/jobs")
@Tag(name = "jobs")
class JobController {

  private final JobService jobs;
  private final JobEventStreams streams;

  JobController(JobService jobs, JobEventStreams streams) {
    this.jobs = jobs;
    this.streams = streams;
  }

  @io.swagger.v3.oas.annotations.Operation(operationId = "listJobs", summary = "List jobs", description = "Newest first; filter by cluster, status and operation.")
  @RequiresRole(Role.VIEWER)
  @GetMapping
  PageView<JobView> list(
      @RequestParam(required = false) @Nullable UUID clusterId,
      @RequestParam(required = false) @Nullable JobStatus status,
      @RequestParam(required = false) @Nullable Operation operation,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "20") int size) {
    return PageView.of(jobs.list(new JobFilter(clusterId, status, operation), Paging.page(page), Paging.size(size)), JobView::of);
  }

  @io.swagger.v3.oas.annotations.Operation(
      operationId = "getJob",
      summary = "Read a job",
      responses = @ApiResponse(responseCode = "200", description = "The job",
          content = @Content(mediaType = "application/json", schema = @Schema(implementation = JobView.class),
              examples = @ExampleObject(name = "failed", value = OpenApiExamples.FAILED_JOB))))
  @RequiresRole(Role.VIEWER)
  @GetMapping("/{id}")
  JobView get(@PathVariable UUID id) {
    return JobView.of(jobs.get(id));
  }

  @io.swagger.v3.oas.annotations.Operation(operationId = "listJobEvents", summary = "A job's progress events", description = "In order; pass the last seq you saw as after.")
  @RequiresRole(Role.VIEWER)
  @GetMapping("/{id}/events")
  List<JobEventView> events(
      @PathVariable UUID id,
      @RequestParam(defaultValue = "0") int after,
      @RequestParam(defaultValue = "100") int limit) {
    return jobs.events(id, Math.max(after, 0), Paging.limit(limit)).stream().map(JobEventView::of).toList();
  }

  @io.swagger.v3.oas.annotations.Operation(
      operationId = "streamJobEvents",
      summary = "Follow a job's events live (Server-Sent Events)",
      description = "Each event's id is its seq; reconnecting with Last-Event-ID resumes after it. The stream ends "
          + "when the job has ended and every event was sent.",
      // The body is a stream of text events, each data line a JobEventView: not the server's emitter type.
      responses = @ApiResponse(responseCode = "200", description = "text/event-stream: id is the seq, data a JobEventView",
          content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE, schema = @Schema(type = "string"))))
  @RequiresRole(Role.VIEWER)
  @GetMapping(path = "/{id}/events/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  SseEmitter stream(
      @PathVariable UUID id,
      @Parameter(description = "the seq of the last event received") @RequestHeader(value = "Last-Event-ID", required = false) @Nullable String lastEventId) {
    jobs.get(id);
    return streams.open(id, parseLastEventId(lastEventId));
  }

  @io.swagger.v3.oas.annotations.Operation(
      operationId = "cancelJob",
      summary = "Cancel a job",
      description = "A queued job is cancelled at once; a running one moves to CANCELLING and the engine is asked to stop.",
      responses = {@ApiResponse(responseCode = "200", description = "The job, as it is now"), @ApiResponse(responseCode = "409", ref = ProblemDocs.CONFLICT)})
  @RequiresRole(Role.OPERATOR)
  @PostMapping("/{id}:cancel")
  JobView cancel(@PathVariable UUID id, HttpServletRequest request) {
    return JobView.of(jobs.cancel(id, Requesters.of(request)));
  }

  private static int parseLastEventId(@Nullable String lastEventId) {
    if (lastEventId == null || lastEventId.isBlank()) {
      return 0;
    }
    try {
      return Math.max(Integer.parseInt(lastEventId.trim()), 0);
    } catch (NumberFormatException e) {
      throw new InvalidParameterException("Last-Event-ID", "must be the seq of an event");
    }
  }
}
