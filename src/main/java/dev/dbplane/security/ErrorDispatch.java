package dev.dbplane.security;

import dev.dbplane.problem.ProblemWriter;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet container's error dispatch, in place of Spring Boot's JSON: a failure that escaped a
 * filter is thrown again, so that it is answered as the API answers it; an error known only by its
 * status (a {@code sendError} of a filter or of the container) gets the problem of that status.
 */
@Hidden
@RestController
class ErrorDispatch implements ErrorController {

  private final ProblemWriter problems;

  ErrorDispatch(ProblemWriter problems) {
    this.problems = problems;
  }

  @RequestMapping("${server.error.path:/error}")
  void error(HttpServletRequest request, HttpServletResponse response) throws Throwable {
    Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
    if (failure != null) {
      throw failure instanceof ServletException wrapped && wrapped.getRootCause() != null ? wrapped.getRootCause() : failure;
    }
    // Asked for directly, /error is no resource of the API.
    Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    write(response, status instanceof Integer code ? code : 404, uri instanceof String path ? path : request.getRequestURI());
  }

  private void write(HttpServletResponse response, int status, String instance) throws IOException {
    response.setStatus(status);
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.getWriter().write(problems.textOfStatus(status, instance));
  }
}
