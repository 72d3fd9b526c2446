package dev.dbplane.api;

import dev.dbplane.problem.ProblemType;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.json.JsonMapper;

/**
 * The problem answers of the API as reusable responses, each with an example of what the service
 * really sends for that status, so that an operator reading Swagger UI knows each failure by sight.
 */
final class ProblemDocs {

  static final String SCHEMA = "ProblemDetail";

  static final String MALFORMED_BODY = "MalformedBody";
  static final String INVALID_PARAMETER = "InvalidParameter";
  static final String UNAUTHENTICATED = "Unauthenticated";
  static final String FORBIDDEN = "Forbidden";
  static final String NOT_FOUND = "NotFound";
  static final String CONFLICT = "Conflict";
  static final String PRECONDITION_FAILED = "PreconditionFailed";
  static final String BODY_TOO_LARGE = "BodyTooLarge";
  static final String UNSUPPORTED_MEDIA_TYPE = "UnsupportedMediaType";
  static final String DOES_NOT_FIT_MODEL = "DoesNotFitModel";
  static final String INVALID_SPEC = "InvalidSpec";
  static final String DESTROY_NOT_CONFIRMED = "DestroyNotConfirmed";
  static final String PRECONDITION_REQUIRED = "PreconditionRequired";
  static final String TOO_MANY_REQUESTS = "TooManyRequests";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private ProblemDocs() {}

  /** The responses by name, for {@code #/components/responses}. */
  static Map<String, ApiResponse> responses() {
    Map<String, ApiResponse> responses = new LinkedHashMap<>();
    responses.put(MALFORMED_BODY, problem("The body cannot be read: empty, malformed JSON/YAML/protobuf, YAML anchors or aliases", Map.of(ProblemType.MALFORMED_BODY, OpenApiExamples.PROBLEM_MALFORMED_BODY)));
    responses.put(INVALID_PARAMETER, problem("A parameter or header is invalid (paging, Idempotency-Key, Last-Event-ID, a field of the body)", Map.of(ProblemType.INVALID_PARAMETER, OpenApiExamples.PROBLEM_INVALID_PARAMETER)));
    responses.put(UNAUTHENTICATED, problem("No valid API key or bearer token was sent", Map.of(ProblemType.UNAUTHENTICATED, OpenApiExamples.PROBLEM_UNAUTHENTICATED)));
    responses.put(FORBIDDEN, problem("The caller's roles do not allow this", Map.of(ProblemType.FORBIDDEN, OpenApiExamples.PROBLEM_FORBIDDEN)));
    responses.put(NOT_FOUND, problem("No such cluster or job", Map.of(ProblemType.NOT_FOUND, OpenApiExamples.PROBLEM_NOT_FOUND)));
    responses.put(CONFLICT, problem("The cluster exists already, has a job in progress, or the change would replace it unconfirmed; "
        + "or a request with the same Idempotency-Key is still being answered", Map.of(ProblemType.CLUSTER_BUSY, OpenApiExamples.PROBLEM_CLUSTER_BUSY)));
    responses.put(PRECONDITION_FAILED, problem("If-Match does not match the cluster's current ETag (sent back in ETag)", Map.of(ProblemType.STALE_ETAG, OpenApiExamples.PROBLEM_STALE_ETAG))
        .addHeaderObject("ETag", new Header().description("the cluster's current ETag").schema(new StringSchema())));
    responses.put(BODY_TOO_LARGE, problem("The body is larger than dbplane.intake.max-body-size", Map.of(ProblemType.BODY_TOO_LARGE, OpenApiExamples.PROBLEM_BODY_TOO_LARGE)));
    responses.put(UNSUPPORTED_MEDIA_TYPE, problem("The Content-Type is not JSON, YAML or protobuf", Map.of(ProblemType.UNSUPPORTED_MEDIA_TYPE, OpenApiExamples.PROBLEM_UNSUPPORTED_MEDIA_TYPE)));
    responses.put(DOES_NOT_FIT_MODEL, problem("The body is well-formed but does not fit the resource model: unknown fields, wrong types, "
        + "unknown enum names", Map.of(ProblemType.DOES_NOT_FIT_MODEL, OpenApiExamples.PROBLEM)));
    responses.put(INVALID_SPEC, problem("The body does not fit the resource model, or the spec breaks rules (every violation is listed), "
        + "or the change is one DigitalOcean cannot make; nothing was written",
        Map.of(ProblemType.INVALID_SPEC, OpenApiExamples.PROBLEM_INVALID_SPEC, ProblemType.DOES_NOT_FIT_MODEL, OpenApiExamples.PROBLEM)));
    responses.put(DESTROY_NOT_CONFIRMED, problem("confirm is missing or is not the cluster's name", Map.of(ProblemType.DESTROY_NOT_CONFIRMED, OpenApiExamples.PROBLEM_DESTROY_NOT_CONFIRMED)));
    responses.put(PRECONDITION_REQUIRED, problem("If-Match is missing", Map.of(ProblemType.IF_MATCH_REQUIRED, OpenApiExamples.PROBLEM_IF_MATCH_REQUIRED)));
    responses.put(TOO_MANY_REQUESTS, problem("More changes a minute than dbplane.security.mutations-per-minute allows this caller", Map.of(ProblemType.RATE_LIMITED, OpenApiExamples.PROBLEM_RATE_LIMITED))
        .addHeaderObject("Retry-After", new Header().description("seconds to wait").schema(new IntegerSchema())));
    return responses;
  }

  static String ref(String response) {
    return "#/components/responses/" + response;
  }

  /** RFC 9457 members plus this service's {@code violations}. */
  static Schema<?> schema() {
    Schema<?> violation =
        new ObjectSchema()
            .addProperty("field", new StringSchema().description("path of the field as the caller wrote it"))
            .addProperty("message", new StringSchema())
            .addProperty("rule", new StringSchema().description("id of the broken rule, for validation failures"))
            .addProperty("line", new IntegerSchema().description("1-based line in the body, when known"))
            .addProperty("column", new IntegerSchema().description("1-based column in the body, when known"));
    return new ObjectSchema()
        .description("RFC 9457 problem details")
        .addProperty("type", new StringSchema().format("uri"))
        .addProperty("title", new StringSchema())
        .addProperty("status", new IntegerSchema())
        .addProperty("detail", new StringSchema())
        .addProperty("instance", new StringSchema().format("uri-reference"))
        .addProperty("violations", new ArraySchema().items(violation));
  }

  /** A problem response with an example of each type it may be, named after the type. */
  private static ApiResponse problem(String description, Map<ProblemType, String> examples) {
    MediaType media = new MediaType().schema(new Schema<>().$ref(ModelSchemas.PREFIX + SCHEMA));
    Map<String, String> byName = new TreeMap<>();
    examples.forEach((type, json) -> byName.put(type.suffix(), json));
    // Objects rather than strings, so that Swagger UI shows them as JSON.
    byName.forEach((name, json) -> media.addExamples(name, new Example().value(JSON.readValue(json, Map.class))));
    return new ApiResponse()
        .description(description)
        .content(new Content().addMediaType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE, media));
  }
}
