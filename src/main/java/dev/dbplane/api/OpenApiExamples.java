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

  static final String REPORT =
      """
      {
        "valid": true,
        "violations": [],
        "warnings": [],
        "normalized": {
          "clusterName": "orders-db", "engine": "pg", "version": "16", "region": "nyc3",
          "size": "db-s-2vcpu-4gb", "nodeCount": 2,
          "privateNetworkUuid": "5a4981aa-9653-4bd1-bef5-d6bff52042e4", "storageSizeMib": "102400",
          "tags": ["name:orders-db", "org:acme", "env:prod", "kind:DigitalOceanDatabaseCluster"],
          "publicConnectivity": false,
          "stack": {"organization": "acme", "project": "dbplane", "stack": "prod.orders-db"}
        },
        "credentials": {"source": "server-default"}
      }
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
}
