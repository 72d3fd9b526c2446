package dev.dbplane.bench;

import dev.dbplane.cluster.ClusterKind;
import dev.dbplane.cluster.ClusterSpec;
import dev.dbplane.intake.BodyModel;
import dev.dbplane.intake.RequestIntake;
import dev.dbplane.resource.ResourceRequest;
import dev.dbplane.resource.ResourceValidator;
import dev.dbplane.resource.ValidationOutcome;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseCluster;
import org.springframework.http.MediaType;

/**
 * Parse + validate of a typical manifest, the work of every submission before anything is written.
 * One thread: the target is per core. See bench/README.md for how to run it and the results.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ValidationBenchmark {

  static final String YAML =
      """
      apiVersion: digital-ocean.project-planton.org/v1
      kind: DigitalOceanDatabaseCluster
      metadata:
        name: orders-db
        org: acme
        env: prod
        labels:
          team: payments
          pulumi.project-planton.org/stack.fqdn: acme/databases/prod-orders
        tags: [billing, pci]
      spec:
        clusterName: orders-db
        engine: postgres
        engineVersion: "16"
        region: nyc3
        sizeSlug: db-s-2vcpu-4gb
        nodeCount: 3
        vpc:
          value: 5a4981aa-9653-4bd1-bef5-d6bff52042e4
        storageGib: 100
      """;

  static final String JSON =
      """
      {"apiVersion": "digital-ocean.project-planton.org/v1", "kind": "DigitalOceanDatabaseCluster",
       "metadata": {"name": "orders-db", "org": "acme", "env": "prod",
         "labels": {"team": "payments", "pulumi.project-planton.org/stack.fqdn": "acme/databases/prod-orders"},
         "tags": ["billing", "pci"]},
       "spec": {"clusterName": "orders-db", "engine": "postgres", "engineVersion": "16", "region": "nyc3",
         "sizeSlug": "db-s-2vcpu-4gb", "nodeCount": 3, "vpc": {"value": "5a4981aa-9653-4bd1-bef5-d6bff52042e4"},
         "storageGib": 100}}
      """;

  /** Bare manifests only: what a body of the benchmark holds. */
  private static final BodyModel MANIFESTS = new BodyModel(List.of(DigitalOceanDatabaseCluster.getDefaultInstance()), Map.of(), message -> 0);

  private final RequestIntake intake = new RequestIntake();
  private final ResourceValidator<DigitalOceanDatabaseCluster, ClusterSpec> validator = new ResourceValidator<>(new ClusterKind(), true);
  private byte[] yaml;
  private byte[] json;
  private byte[] protobuf;

  @Setup
  public void prepare() {
    yaml = YAML.getBytes(StandardCharsets.UTF_8);
    json = JSON.getBytes(StandardCharsets.UTF_8);
    DigitalOceanDatabaseCluster manifest = read(json, MediaType.APPLICATION_JSON).manifest();
    protobuf = manifest.toByteArray();
    ValidationOutcome<ClusterSpec> outcome = validator.validate(ResourceRequest.of(manifest));
    if (!outcome.valid()) {
      throw new IllegalStateException("the benchmark's manifest must be valid: " + outcome.violations());
    }
  }

  @Benchmark
  public ValidationOutcome<ClusterSpec> yaml() {
    return validator.validate(read(yaml, RequestIntake.APPLICATION_YAML));
  }

  @Benchmark
  public ValidationOutcome<ClusterSpec> json() {
    return validator.validate(read(json, MediaType.APPLICATION_JSON));
  }

  @Benchmark
  public ValidationOutcome<ClusterSpec> protobuf() {
    return validator.validate(read(protobuf, RequestIntake.APPLICATION_PROTOBUF));
  }

  private ResourceRequest<DigitalOceanDatabaseCluster> read(byte[] body, MediaType type) {
    return ResourceRequest.of((DigitalOceanDatabaseCluster) intake.parse(body, type, MANIFESTS).message());
  }
}
