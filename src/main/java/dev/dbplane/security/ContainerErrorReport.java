package dev.dbplane.security;

import dev.dbplane.problem.ProblemWriter;
import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;

/**
 * Tomcat's own error answers (a request it refuses before the application sees it: an encoded '/' or
 * NUL in the URL, a '\', control characters, headers over the limit) as problem+json instead of
 * Tomcat's HTML page. Errors of requests that reach the application are answered there, by the
 * error dispatch; this valve writes only when nothing else has.
 */
final class ContainerErrorReport extends ErrorReportValve {

  private final ProblemWriter problems;

  ContainerErrorReport(ProblemWriter problems) {
    this.problems = problems;
  }

  @Override
  protected void report(Request request, Response response, @Nullable Throwable throwable) {
    int status = response.getStatus();
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    AtomicBoolean ioAllowed = new AtomicBoolean(false);
    response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
    if (!ioAllowed.get()) {
      return;
    }
    try {
      // Tomcat's message and the URL are left out: either may quote what the client sent.
      String body = problems.textOfStatus(status, null);
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      Writer writer = response.getReporter();
      if (writer != null) {
        writer.write(body);
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      // The connection is gone or the answer already started: nothing more can be said.
    }
  }
}
