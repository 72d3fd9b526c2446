package dev.dbplane.api;

import dev.dbplane.idempotency.IdempotencyFilter;
import dev.dbplane.problem.ProblemType;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.regex.Pattern;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * What holds for every operation because of a filter in front of the controllers, documented where
 * the filters decide it rather than on each controller method: authentication and roles (401, 403),
 * the rate limit of changes (429), {@code Idempotency-Key} on every POST ({@link IdempotencyFilter}),
 * unknown ids (404), and invalid parameters (400).
 */
final class OperationDocs implements OpenApiCustomizer {

  static final String IDEMPOTENCY_KEY = "IdempotencyKey";

  /** The paths whose {id} names a resource or a job, which may not exist. */
  private static final Pattern NAMES_A_RESOURCE = Pattern.compile("^/api/v1/(database-[a-z-]+|jobs)/\\{id}.*");

  static Parameter idempotencyKey() {
    return new Parameter()
        .in("header")
        .name(IdempotencyFilter.HEADER)
        .required(false)
        .schema(new StringSchema().maxLength(255))
        .description("Makes a retry safe: a retry with the same key and the same request gets the first answer again, with "
            + "`" + IdempotencyFilter.REPLAYED + ": true`; the same key with another request is a "
            + ProblemType.IDEMPOTENCY_KEY_REUSED.status().value() + " `" + ProblemType.IDEMPOTENCY_KEY_REUSED.suffix()
            + "`, a retry while the first is still being answered a " + ProblemType.IDEMPOTENCY_REQUEST_IN_PROGRESS.status().value()
            + " `" + ProblemType.IDEMPOTENCY_REQUEST_IN_PROGRESS.suffix() + "`. Keys are per caller; 1 to 255 visible ASCII characters, a UUID for example.");
  }

  @Override
  public void customise(OpenAPI openApi) {
    openApi.getPaths().forEach((path, item) -> {
      if (path.startsWith("/api/")) {
        item.readOperationsMap().forEach((method, operation) -> document(path, method, operation));
      }
    });
  }

  private static void document(String path, PathItem.HttpMethod method, Operation operation) {
    if (method == PathItem.HttpMethod.POST) {
      operation.addParametersItem(new Parameter().$ref("#/components/parameters/" + IDEMPOTENCY_KEY));
    }
    ApiResponses responses = operation.getResponses();
    boolean takesParameters = operation.getParameters() != null
        && operation.getParameters().stream().anyMatch(p -> p.get$ref() != null || !"path".equals(p.getIn()));
    if (takesParameters) {
      addIfAbsent(responses, "400", ProblemDocs.INVALID_PARAMETER);
    }
    addIfAbsent(responses, "401", ProblemDocs.UNAUTHENTICATED);
    addIfAbsent(responses, "403", ProblemDocs.FORBIDDEN);
    if (NAMES_A_RESOURCE.matcher(path).matches()) {
      addIfAbsent(responses, "404", ProblemDocs.NOT_FOUND);
    }
    if (method != PathItem.HttpMethod.GET) {
      addIfAbsent(responses, "429", ProblemDocs.TOO_MANY_REQUESTS);
    }
  }

  private static void addIfAbsent(ApiResponses responses, String status, String response) {
    responses.putIfAbsent(status, new ApiResponse().$ref(ProblemDocs.ref(response)));
  }
}
