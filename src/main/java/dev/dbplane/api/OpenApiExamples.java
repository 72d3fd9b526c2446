package dev.dbplane.api;

import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** Request and response examples shown in Swagger UI. They hold no real secret. */
final class OpenApiExamples {

  private OpenApiExamples() {}

  static final String MANIFEST_JSON =
      """
      {
        "apiVersion": "digital-ocean.project-planton.org/v1",
        "kind": "DigitalOceanDatabaseCluster",
        "metadata": {"name": "orders-db", "org": "acme", "env": "prod"},
        "spec": {
          "clusterName": "orders-db",
          "engine": "postgres",
          "engineVersion": "16",
          "region": "nyc3",
          "sizeSlug": "db-s-2vcpu-4gb",
          "nodeCount": 2,
          "vpc": {"value": "5a4981aa-9653-4bd1-bef5-d6bff52042e4"},
          "storageGib": 100
        }
      }
      """;

  /** The JSON example as an object, so that Swagger UI shows it as JSON rather than as a string. */
  static final Map<?, ?> MANIFEST_JSON_OBJECT = JsonMapper.builder().build().readValue(MANIFEST_JSON, Map.class);

  static final String MANIFEST_YAML =
      """
      apiVersion: digital-ocean.project-planton.org/v1
      kind: DigitalOceanDatabaseCluster
      metadata:
        name: orders-db
        org: acme
        env: prod
      spec:
        clusterName: orders-db
        engine: postgres
        engineVersion: "16"
        region: nyc3
        sizeSlug: db-s-2vcpu-4gb
        nodeCount: 2
        vpc:
          value: 5a4981aa-9653-4bd1-bef5-d6bff52042e4
        storageGib: 100
      """;

  /**
   * The answer for {@link #MANIFEST_YAML} with clusterName Orders_DB and no sizeSlug, on a server
   * without a default token: each field as the body spells it, with its place when the body has it.
   */
  static final String INVALID_REPORT =
      """
      {
        "valid": false,
        "violations": [
          {"field": "spec.sizeSlug", "message": "value is required", "rule": "required"},
          {"field": "spec.clusterName",
           "message": "must be 3 to 63 lowercase letters, digits and hyphens, start with a letter and not end with a hyphen",
           "rule": "dbplane.cluster_name.format", "line": 8, "column": 16}
        ],
        "warnings": [
          {"field": "providerConfig.apiToken", "code": "dbplane.token_needed",
           "message": "the server has no default DigitalOcean API token, so a create of this cluster needs one: send a stack input with provider_config.api_token; an update or preview of a cluster that holds its token needs none"}
        ],
        "credentials": {"source": "none"}
      }
      """;

  /** The answer for {@link #MANIFEST_YAML} with engine postgress and nodeCount two. */
  static final String PROBLEM =
      """
      {
        "type": "urn:dbplane:problem:does-not-fit-model",
        "title": "The request does not fit the resource model",
        "status": 422,
        "detail": "2 problem(s) in the request body",
        "instance": "/api/v1/database-clusters:validate",
        "violations": [
          {"field": "spec.engine", "message": "'postgress' is not one of postgres, pg, mysql, redis, mongodb, valkey", "line": 9, "column": 11},
          {"field": "spec.nodeCount", "message": "must be a whole number", "line": 13, "column": 14}
        ]
      }
      """;

  static final String SUBMISSION =
      """
      {
        "job": {
          "id": "15fa3a5a-1658-4585-bb59-3da22ecce817",
          "clusterId": "57726d85-4248-4bcb-9024-0f832298e8d4",
          "clusterName": "orders-db",
          "operation": "UP",
          "status": "QUEUED",
          "requestedBy": "apikey:b9bccae4d50f",
          "specVersion": 1,
          "queuedAt": "2026-11-26T10:20:55.609Z",
          "warnings": [],
          "attempts": 0,
          "allowedActions": ["cancel"],
          "links": {
            "self": "/api/v1/jobs/15fa3a5a-1658-4585-bb59-3da22ecce817",
            "events": "/api/v1/jobs/15fa3a5a-1658-4585-bb59-3da22ecce817/events",
            "stream": "/api/v1/jobs/15fa3a5a-1658-4585-bb59-3da22ecce817/events/stream",
            "cluster": "/api/v1/database-clusters/57726d85-4248-4bcb-9024-0f832298e8d4"
          }
        },
        "clusterId": "57726d85-4248-4bcb-9024-0f832298e8d4",
        "clusterEtag": "\\"57726d85-4248-4bcb-9024-0f832298e8d4-v1\\"",
        "warnings": []
      }
      """;

  static final String FAILED_JOB =
      """
      {
        "id": "15fa3a5a-1658-4585-bb59-3da22ecce817",
        "clusterId": "57726d85-4248-4bcb-9024-0f832298e8d4",
        "clusterName": "orders-db",
        "operation": "UP",
        "status": "FAILED",
        "requestedBy": "apikey:b9bccae4d50f",
        "specVersion": 1,
        "queuedAt": "2026-11-26T10:20:55.609Z",
        "startedAt": "2026-11-26T10:20:56.720Z",
        "finishedAt": "2026-11-26T10:24:12.016Z",
        "warnings": [],
        "error": {"code": "PROVIDER_ERROR", "message": "Error creating database cluster: 422 name is already in use"},
        "attempts": 1,
        "allowedActions": [],
        "links": {"self": "/api/v1/jobs/15fa3a5a-1658-4585-bb59-3da22ecce817"}
      }
      """;

  // --- stack inputs: the manifest with the DigitalOcean credentials it is provisioned with

  private static final String PROVIDER_CONFIG_YAML =
      """
      providerConfig:
        apiToken: REPLACE_WITH_YOUR_TOKEN
        defaultRegion: nyc3
      """;

  static final String STACK_INPUT_YAML = "target:\n" + MANIFEST_YAML.indent(2) + PROVIDER_CONFIG_YAML;

  static final Map<?, ?> STACK_INPUT_JSON_OBJECT =
      Map.of("target", MANIFEST_JSON_OBJECT, "providerConfig", Map.of("apiToken", "REPLACE_WITH_YOUR_TOKEN", "defaultRegion", "nyc3"));

  // --- problem answers, one per status, as the service sends them

  static final String PROBLEM_MALFORMED_BODY =
      """
      {
        "type": "urn:dbplane:problem:malformed-body",
        "title": "The request body cannot be read",
        "status": 400,
        "detail": "malformed JSON: End of input at line 1 column 10 path $.kind",
        "instance": "/api/v1/database-clusters:validate",
        "violations": [
          {"message": "malformed JSON: End of input at line 1 column 10 path $.kind", "line": 1, "column": 10}
        ]
      }
      """;

  static final String PROBLEM_INVALID_PARAMETER =
      """
      {
        "type": "urn:dbplane:problem:invalid-parameter",
        "title": "Invalid parameter",
        "status": 400,
        "detail": "size must be between 1 and 200",
        "instance": "/api/v1/jobs",
        "violations": [
          {"field": "size", "message": "must be between 1 and 200"}
        ]
      }
      """;

  static final String PROBLEM_UNAUTHENTICATED =
      """
      {
        "type": "urn:dbplane:problem:unauthenticated",
        "title": "Authentication required",
        "status": 401,
        "detail": "send a valid API key in X-API-Key, or a bearer token",
        "instance": "/api/v1/jobs"
      }
      """;

  static final String PROBLEM_FORBIDDEN =
      """
      {
        "type": "urn:dbplane:problem:forbidden",
        "title": "Not allowed",
        "status": 403,
        "detail": "the caller's roles do not allow this",
        "instance": "/api/v1/database-clusters"
      }
      """;

  static final String PROBLEM_NOT_FOUND =
      """
      {
        "type": "urn:dbplane:problem:not-found",
        "title": "Not found",
        "status": 404,
        "detail": "no cluster 57726d85-4248-4bcb-9024-0f832298e8d4",
        "instance": "/api/v1/database-clusters/57726d85-4248-4bcb-9024-0f832298e8d4"
      }
      """;

  static final String PROBLEM_CLUSTER_BUSY =
      """
      {
        "type": "urn:dbplane:problem:cluster-busy",
        "title": "The cluster has a job in progress",
        "status": 409,
        "detail": "one job at a time per cluster; wait for it to end or cancel it",
        "instance": "/api/v1/database-clusters/57726d85-4248-4bcb-9024-0f832298e8d4:refresh",
        "activeJob": "/api/v1/jobs/15fa3a5a-1658-4585-bb59-3da22ecce817"
      }
      """;

  static final String PROBLEM_STALE_ETAG =
      """
      {
        "type": "urn:dbplane:problem:stale-etag",
        "title": "The resource changed since it was read",
        "status": 412,
        "detail": "its ETag is now \\"57726d85-4248-4bcb-9024-0f832298e8d4-v2\\"; read it again and reapply your change",
        "instance": "/api/v1/database-clusters/57726d85-4248-4bcb-9024-0f832298e8d4"
      }
      """;

  static final String PROBLEM_BODY_TOO_LARGE =
      """
      {
        "type": "urn:dbplane:problem:body-too-large",
        "title": "The request body is too large",
        "status": 413,
        "detail": "the limit is 1048576 bytes (dbplane.intake.max-body-size)",
        "instance": "/api/v1/database-clusters"
      }
      """;

  static final String PROBLEM_UNSUPPORTED_MEDIA_TYPE =
      """
      {
        "type": "urn:dbplane:problem:unsupported-media-type",
        "title": "Unsupported media type",
        "status": 415,
        "detail": "Content-Type text/plain is not accepted; send application/json, application/yaml or application/x-protobuf",
        "instance": "/api/v1/database-clusters"
      }
      """;

  static final String PROBLEM_INVALID_SPEC =
      """
      {
        "type": "urn:dbplane:problem:invalid-spec",
        "title": "The spec breaks rules",
        "status": 422,
        "detail": "1 violation(s); nothing was written",
        "instance": "/api/v1/database-clusters",
        "violations": [
          {"field": "target.spec.node_count", "message": "must be greater than or equal to 1 and less than or equal to 3", "rule": "uint32.gte_lte"}
        ],
        "warnings": []
      }
      """;

  static final String PROBLEM_DESTROY_NOT_CONFIRMED =
      """
      {
        "type": "urn:dbplane:problem:destroy-not-confirmed",
        "title": "The destroy was not confirmed",
        "status": 422,
        "detail": "confirm the destroy by passing the cluster's name (orders-db) as confirm",
        "instance": "/api/v1/database-clusters/57726d85-4248-4bcb-9024-0f832298e8d4",
        "violations": [
          {"field": "confirm", "message": "confirm the destroy by passing the cluster's name (orders-db) as confirm", "rule": "dbplane.destroy.confirm"}
        ]
      }
      """;

  static final String PROBLEM_IF_MATCH_REQUIRED =
      """
      {
        "type": "urn:dbplane:problem:if-match-required",
        "title": "If-Match is required",
        "status": 428,
        "detail": "send If-Match with the cluster's ETag (GET the cluster to read it)",
        "instance": "/api/v1/database-clusters/57726d85-4248-4bcb-9024-0f832298e8d4"
      }
      """;

  static final String PROBLEM_RATE_LIMITED =
      """
      {
        "type": "urn:dbplane:problem:rate-limited",
        "title": "Too many changes",
        "status": 429,
        "detail": "at most 120 changes a minute per caller; retry in 1 s",
        "instance": "/api/v1/database-clusters"
      }
      """;

  // --- answers of validate

  /** What the service would provision for the examples' orders-db, as validate shows it. */
  private static final String NORMALIZED =
      """
      {
          "clusterName": "orders-db", "engine": "pg", "version": "16", "region": "nyc3",
          "size": "db-s-2vcpu-4gb", "nodeCount": 2,
          "privateNetworkUuid": "5a4981aa-9653-4bd1-bef5-d6bff52042e4", "storageSizeMib": "102400",
          "tags": ["name:orders-db", "org:acme", "env:prod", "kind:DigitalOceanDatabaseCluster"],
          "publicConnectivity": false,
          "stack": {"organization": "acme", "project": "dbplane", "stack": "prod.orders-db"}
        }\
      """;

  static final String REPORT_OF_STACK_INPUT =
      """
      {
        "valid": true,
        "violations": [],
        "warnings": [],
        "normalized": """ + NORMALIZED + """
        ,
        "credentials": {"source": "request", "apiToken": "[REDACTED]", "defaultRegion": "nyc3"}
      }
      """;

  static final String REPORT_WITHOUT_TOKEN =
      """
      {
        "valid": true,
        "violations": [],
        "warnings": [
          {"field": "providerConfig.apiToken", "code": "dbplane.token_needed",
           "message": "the server has no default DigitalOcean API token, so a create of this cluster needs one: send a stack input with provider_config.api_token; an update or preview of a cluster that holds its token needs none"}
        ],
        "normalized": """ + NORMALIZED + """
        ,
        "credentials": {"source": "none"}
      }
      """;
}
