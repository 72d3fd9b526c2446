package dev.dbplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jayway.jsonpath.JsonPath;
import dev.dbplane.generatedclient.ApiClient;
import dev.dbplane.generatedclient.ApiException;
import dev.dbplane.generatedclient.api.CatalogApi;
import dev.dbplane.generatedclient.api.DatabaseClustersApi;
import dev.dbplane.generatedclient.api.JobsApi;
import dev.dbplane.generatedclient.model.CatalogView;
import dev.dbplane.generatedclient.model.CloudResourceMetadata;
import dev.dbplane.generatedclient.model.ClusterView;
import dev.dbplane.generatedclient.model.DatabaseClusterSubmission;
import dev.dbplane.generatedclient.model.DigitalOceanDatabaseCluster;
import dev.dbplane.generatedclient.model.DigitalOceanDatabaseClusterSpec;
import dev.dbplane.generatedclient.model.DigitalOceanDatabaseClusterStackInput;
import dev.dbplane.generatedclient.model.DigitalOceanProviderConfig;
import dev.dbplane.generatedclient.model.EngineView;
import dev.dbplane.generatedclient.model.JobEventView;
import dev.dbplane.generatedclient.model.JobView;
import dev.dbplane.generatedclient.model.LayoutView;
import dev.dbplane.generatedclient.model.SubmissionView;
import dev.dbplane.generatedclient.model.ValidationReport;
import dev.dbplane.support.Manifests;
import dev.dbplane.support.RealEngine;
import dev.dbplane.support.Sandbox;
import dev.dbplane.support.TestKeys;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The API document serves code generation, not only Swagger UI: a Java client generated from
 * {@code openapi/openapi.yaml} by a standard generator (openapi-generator, at build time, see the
 * pom) reads the catalog, validates, creates, reads, reveals and destroys a cluster on the sandbox
 * with the real engine, and reads a refusal as the problem it is, with nothing but its own types.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "dbplane.jobs.polling-interval=200ms")
@ExtendWith(RealEngine.class)
class RealEngineGeneratedClientTests {

  private static final Duration JOB_WAIT = Duration.ofMinutes(3);
  private static final Path DATA = Path.of("target", "real-engine-client-" + UUID.randomUUID()).toAbsolutePath();
  private static final Set<String> ENDED = Set.of("SUCCEEDED", "FAILED", "CANCELLED");

  @LocalServerPort int port;
  private DatabaseClustersApi clusters;
  private JobsApi jobs;

  @DynamicPropertySource
  static void onTheSandbox(DynamicPropertyRegistry registry) {
    RealEngine.register(registry, DATA);
    registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + DATA.resolve("db/dbplane") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
  }

  @BeforeEach
  void generatedClients() {
    ApiClient operator = client(TestKeys.OPERATOR);
    clusters = new DatabaseClustersApi(operator);
    jobs = new JobsApi(operator);
  }

  @Test
  void aGeneratedClientCreatesRevealsAndDestroysAClusterOnTheSandbox() throws Exception {
    // What to ask for comes from the catalog, as a portal's form would have it: what DigitalOcean
    // offers the portal's own token (this server has none).
    CatalogView catalog = new CatalogApi(client(TestKeys.VIEWER)).getCatalog(Sandbox.TOKEN);
    assertThat(catalog.getSource()).isEqualTo(CatalogView.SourceEnum.DIGITALOCEAN);
    assertThat(catalog.getToken()).isEqualTo(CatalogView.TokenEnum.CALLER);
    assertThat(Sandbox.require().requests()).as("the emulator was asked").contains("/v2/databases/options");
    EngineView pg = catalog.getEngines().stream().filter(engine -> engine.getEngine().equals("pg")).findFirst().orElseThrow();
    assertThat(pg.getRegions()).contains("nyc3");
    String size = pg.getLayouts().stream().filter(layout -> layout.getNumNodes() == 1).map(LayoutView::getSizes).findFirst().orElseThrow().get(0);
    String version = pg.getVersions().get(pg.getVersions().size() - 1).getVersion();

    String name = Manifests.uniqueName("generated");
    DatabaseClusterSubmission submission = new DatabaseClusterSubmission(stackInput(name, version, size, 1L));
    ValidationReport report = clusters.validateDatabaseCluster(submission, null);
    assertThat(report.getValid()).as(String.valueOf(report)).isTrue();

    SubmissionView created = clusters.createDatabaseCluster(submission, "generated-" + name);
    assertThat(created.getJob().getOperation()).isEqualTo("UP");
    JobView up = awaitEnd(created.getJob().getId());
    assertThat(up.getStatus()).as(String.valueOf(up.getError())).isEqualTo("SUCCEEDED");
    assertThat(up.getVerification().getAnswered()).isTrue();
    assertThat(up.getVerification().getServerVersion()).startsWith("PostgreSQL ");
    assertThat(jobs.listJobEvents(up.getId(), null, 100)).extracting(JobEventView::getType).contains("resource-create", "verified", "succeeded");

    ClusterView cluster = clusters.getDatabaseCluster(created.getClusterId());
    assertThat(cluster.getState()).isEqualTo("READY");
    assertThat(cluster.getName()).isEqualTo(name);
    assertThat(cluster.getOutputs()).containsEntry("connection_uri", "[REDACTED]");
    Map<String, String> revealed = new DatabaseClustersApi(client(TestKeys.SECRETS_READER)).revealDatabaseCluster(cluster.getId(), null);
    assertThat(revealed.get("database_password")).isEqualTo(JsonPath.read(Sandbox.require().cluster(name), "$.connection.password"));
    assertThat(clusters.listDatabaseClusters(null, null, "pg", 0, 100).getItems()).extracting(ClusterView::getName).contains(name);

    SubmissionView destroyed = clusters.deleteDatabaseCluster(cluster.getId(), name, null);
    assertThat(awaitEnd(destroyed.getJob().getId()).getStatus()).isEqualTo("SUCCEEDED");
    assertThatThrownBy(() -> clusters.getDatabaseCluster(cluster.getId()))
        .isInstanceOfSatisfying(ApiException.class, gone -> assertThat(gone.getCode()).isEqualTo(404));
    assertThat(Sandbox.require().clusterNames()).doesNotContain(name);
  }

  @Test
  void aGeneratedClientReadsARefusalAsAProblemWithItsField() {
    DatabaseClusterSubmission fourNodes = new DatabaseClusterSubmission(stackInput(Manifests.uniqueName("four"), "16", "db-s-2vcpu-4gb", 4L));

    assertThatThrownBy(() -> clusters.createDatabaseCluster(fourNodes, null)).isInstanceOfSatisfying(ApiException.class, refused -> {
      assertThat(refused.getCode()).isEqualTo(422);
      assertThat(refused.getResponseHeaders().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
      List<String> fields = JsonPath.read(refused.getResponseBody(), "$.violations[*].field");
      assertThat(fields).contains("target.spec.nodeCount");
    });
  }

  private JobView awaitEnd(UUID job) throws ApiException, InterruptedException {
    Instant deadline = Instant.now().plus(JOB_WAIT);
    JobView view = jobs.getJob(job);
    while (!ENDED.contains(view.getStatus()) && Instant.now().isBefore(deadline)) {
      Thread.sleep(250);
      view = jobs.getJob(job);
    }
    assertThat(view.getStatus()).as("job " + job + " ended within " + JOB_WAIT).isIn(ENDED);
    return view;
  }

  /** The sandbox's cluster of this shape, written with the generated client's own model types. */
  private static DigitalOceanDatabaseClusterStackInput stackInput(String name, String version, String size, long nodes) {
    return new DigitalOceanDatabaseClusterStackInput()
        .target(new DigitalOceanDatabaseCluster()
            .apiVersion(DigitalOceanDatabaseCluster.ApiVersionEnum.fromValue(Manifests.API_VERSION))
            .kind(DigitalOceanDatabaseCluster.KindEnum.fromValue(Manifests.KIND))
            .metadata(new CloudResourceMetadata().name(name).org("acme").env("dev"))
            .spec(new DigitalOceanDatabaseClusterSpec()
                .clusterName(name)
                .engine(DigitalOceanDatabaseClusterSpec.EngineEnum.POSTGRES)
                .engineVersion(version)
                .region(DigitalOceanDatabaseClusterSpec.RegionEnum.NYC3)
                .sizeSlug(size)
                .nodeCount(nodes)))
        .providerConfig(new DigitalOceanProviderConfig()
            .apiToken(Sandbox.TOKEN)
            .defaultRegion(DigitalOceanProviderConfig.DefaultRegionEnum.NYC3));
  }

  private ApiClient client(String key) {
    ApiClient client = new ApiClient();
    client.updateBaseUri("http://localhost:" + port);
    client.setRequestInterceptor(request -> request.header(TestKeys.HEADER, key));
    return client;
  }
}
