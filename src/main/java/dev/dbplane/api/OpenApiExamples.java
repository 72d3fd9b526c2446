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

  static final String PROBLEM =
      """
      {
        "type": "urn:dbplane:problem:does-not-fit-model",
        "title": "The request does not fit the resource model",
        "status": 422,
        "detail": "2 problem(s) in the request body",
        "instance": "/api/v1/database-clusters:validate",
        "violations": [
          {"field": "spec.nodeCount", "message": "must be a whole number", "line": 9, "column": 14},
          {"field": "spec.engine", "message": "'postgress' is not one of postgres, pg, mysql, redis, mongodb, valkey", "line": 5, "column": 11}
        ]
      }
      """;
}
