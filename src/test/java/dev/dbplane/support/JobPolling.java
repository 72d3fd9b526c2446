package dev.dbplane.support;

import com.jayway.jsonpath.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Waiting for a job through the REST API, as a portal does: read it again and again until its
 * status is one of those wanted. One loop for both of the tests' ways to reach the API, MockMvc
 * ({@link MvcApi}) and real HTTP ({@link ApiClient}); each says only how it reads.
 */
public interface JobPolling {

  /** The statuses of a job that has ended, as a regular expression. */
  String ENDED = "SUCCEEDED|FAILED|CANCELLED";

  /** Long enough for any job of the scripted engine, which ends within a second or two. */
  Duration SCRIPTED_WAIT = Duration.ofSeconds(30);

  /** The body of a GET of this path of the API. */
  String read(String path) throws Exception;

  /** How long to wait between two reads. */
  Duration pollInterval();

  /**
   * The id of the resource's first job of this operation, once the service has queued one of its own
   * accord (a drift schedule's check, say).
   */
  default String awaitFirstJob(String resourceId, String operation, Duration limit) throws Exception {
    Instant deadline = Instant.now().plus(limit);
    while (Instant.now().isBefore(deadline)) {
      List<String> jobs = JsonPath.read(read("/api/v1/jobs?clusterId=" + resourceId + "&operation=" + operation), "$.items[*].id");
      if (!jobs.isEmpty()) {
        return jobs.get(jobs.size() - 1);
      }
      Thread.sleep(pollInterval().toMillis());
    }
    throw new AssertionError("no " + operation + " job of " + resourceId + " was queued within " + limit);
  }

  /** Polls the job until it has ended, and returns it. */
  default String awaitEnd(String jobId, Duration limit) throws Exception {
    return await(jobId, ENDED, limit);
  }

  /** Polls a job of the scripted engine until its status matches {@code statuses}, and returns it. */
  default String await(String jobId, String statuses) throws Exception {
    return await(jobId, statuses, SCRIPTED_WAIT);
  }

  /**
   * Polls the job until its status matches {@code statuses} (a regular expression), and returns it.
   * A job that ends in a status not wanted fails the wait at once: it cannot change any more.
   */
  default String await(String jobId, String statuses, Duration limit) throws Exception {
    Instant deadline = Instant.now().plus(limit);
    String job = "";
    while (Instant.now().isBefore(deadline)) {
      job = read("/api/v1/jobs/" + jobId);
      String status = JsonPath.read(job, "$.status");
      if (status.matches(statuses)) {
        return job;
      }
      if (status.matches(ENDED)) {
        throw new AssertionError("job " + jobId + " ended " + status + ", not " + statuses + ": " + job);
      }
      Thread.sleep(pollInterval().toMillis());
    }
    throw new AssertionError("job " + jobId + " did not reach " + statuses + " within " + limit + ": " + job);
  }
}
