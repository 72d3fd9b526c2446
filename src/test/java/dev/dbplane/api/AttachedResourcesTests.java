package dev.dbplane.api;

import static dev.dbplane.support.Manifests.uniqueName;
import static dev.dbplane.support.MvcApi.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import com.jayway.jsonpath.JsonPath;
import dev.dbplane.engine.EngineFailure;
import dev.dbplane.engine.Operation;
import dev.dbplane.support.EngineForTests;
import dev.dbplane.support.Manifests;
import dev.dbplane.support.MvcApi;
import dev.dbplane.support.ScriptedStackEngine;
import dev.dbplane.support.TestDatabases;
import dev.dbplane.support.TestKeys;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseEngine;
import org.project_planton.provider.digitalocean.digitaloceandatabaseconnectionpool.v1.DigitalOceanDatabaseConnectionPool;
import org.project_planton.provider.digitalocean.digitaloceandatabasedb.v1.DigitalOceanDatabaseDb;
import org.project_planton.provider.digitalocean.digitaloceandatabaseuser.v1.DigitalOceanDatabaseUser;
import org.project_planton.shared.foreignkey.v1.StringValueOrRef;
import org.project_planton.shared.foreignkey.v1.ValueFromRef;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * Resources inside a cluster through the API, on the scripted engine: each names its cluster (by id
 * or by metadata.name), is judged against it, shows in the cluster's view, and holds the cluster's
 * lock; a cluster something lives in is not destroyed unless what lives in it goes first, in the
 * same job; a user's password is rotated by a job; refused requests write nothing.
 */
@SpringBootTest(properties = "dbplane.engine=scripted")
@AutoConfigureMockMvc
@Import(EngineForTests.class)
class AttachedResourcesTests {

  private static final String DBS = "/api/v1/database-dbs";
  private static final String USERS = "/api/v1/database-users";
  private static final String POOLS = "/api/v1/database-connection-pools";
  private static final String CLUSTERS = "/api/v1/database-clusters";

  @Autowired MockMvc mvc;
  @Autowired ScriptedStackEngine engine;
  @Autowired JdbcClient jdbc;
  private final MvcApi api = new MvcApi(() -> mvc, TestKeys.OPERATOR);

  @DynamicPropertySource
  static void h2(DynamicPropertyRegistry registry) {
    TestDatabases.h2(registry);
  }

  @Test
  void aDatabaseNamesItsClusterByIdLivesInItAndGoesBeforeIt() throws Exception {
    String cluster = uniqueName("host");
    String clusterId = provisioned(cluster, DigitalOceanDatabaseEngine.postgres);

    MvcResult created = api.send(post(DBS), json(database("app", byId(clusterId))));
    assertThat(created.getResponse().getStatus()).as(body(created)).isEqualTo(202);
    String dbId = JsonPath.read(body(created), "$.resourceId");
    assertThat(JsonPath.<String>read(body(created), "$.clusterId")).isEqualTo(clusterId);
    api.await(JsonPath.read(body(created), "$.job.id"), "SUCCEEDED");

    String db = body(api.send(get(DBS + "/" + dbId)));
    assertThat(JsonPath.<String>read(db, "$.kind")).isEqualTo("DigitalOceanDatabaseDb");
    assertThat(JsonPath.<String>read(db, "$.clusterId")).isEqualTo(clusterId);
    assertThat(JsonPath.<String>read(db, "$.engine")).isEqualTo("pg");
    assertThat(JsonPath.<String>read(db, "$.state")).isEqualTo("READY");
    assertThat(JsonPath.<List<String>>read(body(api.send(get(DBS + "?clusterId=" + clusterId))), "$.items[*].id")).containsExactly(dbId);
    String view = body(api.send(get("/api/v1/database-clusters/" + clusterId)));
    assertThat(JsonPath.<List<String>>read(view, "$.resources[*].href")).containsExactly(DBS + "/" + dbId);

    MvcResult refused = api.send(delete("/api/v1/database-clusters/" + clusterId + "?confirm=" + cluster));
    assertThat(refused.getResponse().getStatus()).as(body(refused)).isEqualTo(409);
    assertThat(JsonPath.<String>read(body(refused), "$.type")).isEqualTo("urn:dbplane:problem:cluster-in-use");
    assertThat(JsonPath.<List<String>>read(body(refused), "$.inside")).containsExactly(DBS + "/" + dbId);

    api.await(JsonPath.read(body(api.send(delete(DBS + "/" + dbId + "?confirm=app"))), "$.job.id"), "SUCCEEDED");
    assertThat(api.send(get(DBS + "/" + dbId)).getResponse().getStatus()).isEqualTo(404);
    api.await(JsonPath.read(body(api.send(delete("/api/v1/database-clusters/" + clusterId + "?confirm=" + cluster))), "$.job.id"), "SUCCEEDED");
  }

  @Test
  void aReferenceByMetadataNameFindsTheManagedClusterOfTheSameOrgAndEnv() throws Exception {
    String cluster = uniqueName("named");
    String clusterId = provisioned(cluster, DigitalOceanDatabaseEngine.postgres);
    StringValueOrRef byName = StringValueOrRef.newBuilder().setValueFrom(ValueFromRef.newBuilder().setName(cluster)).build();

    MvcResult created = api.send(post(DBS), json(database("reports", byName)));
    assertThat(created.getResponse().getStatus()).as(body(created)).isEqualTo(202);
    assertThat(JsonPath.<String>read(body(created), "$.clusterId")).isEqualTo(clusterId);

    StringValueOrRef elsewhere = StringValueOrRef.newBuilder()
        .setValueFrom(ValueFromRef.newBuilder().setName(cluster).setEnv("staging")).build();
    MvcResult unknown = api.send(post(DBS), json(database("audit", elsewhere)));
    assertThat(unknown.getResponse().getStatus()).isEqualTo(422);
    assertThat(JsonPath.<List<String>>read(body(unknown), "$.violations[*].rule")).containsExactly("dbplane.cluster.unknown");
  }

  @Test
  void aDatabaseIsJudgedAgainstItsClustersEngineAndARefusalWritesNothing() throws Exception {
    String clusterId = provisioned(uniqueName("cache"), DigitalOceanDatabaseEngine.redis);
    long before = count();

    MvcResult refused = api.send(post(DBS), json(database("app", byId(clusterId))));

    assertThat(refused.getResponse().getStatus()).as(body(refused)).isEqualTo(422);
    assertThat(JsonPath.<List<String>>read(body(refused), "$.violations[*].field")).contains("spec.cluster");
    assertThat(count()).isEqualTo(before);
  }

  @Test
  void aClusterNotProvisionedYetTakesNothingInside() throws Exception {
    String cluster = uniqueName("young");
    CountDownLatch release = new CountDownLatch(1);
    engine.script(cluster, new ScriptedStackEngine.Block(release));
    MvcResult created = api.send(post("/api/v1/database-clusters"), json(Manifests.stackInput(Manifests.inProd(cluster, 1).build())));
    String clusterId = JsonPath.read(body(created), "$.clusterId");
    try {
      MvcResult refused = api.send(post(DBS), json(database("app", byId(clusterId))));
      assertThat(refused.getResponse().getStatus()).as(body(refused)).isEqualTo(422);
      assertThat(JsonPath.<List<String>>read(body(refused), "$.violations[*].rule")).containsExactly("dbplane.cluster.not_provisioned");
    } finally {
      release.countDown();
    }
    api.await(JsonPath.read(body(created), "$.job.id"), "SUCCEEDED");
  }

  @Test
  void jobsThatTouchOneClusterNeverRunAtOnce() throws Exception {
    String clusterId = provisioned(uniqueName("busy"), DigitalOceanDatabaseEngine.postgres);
    CountDownLatch release = new CountDownLatch(1);
    engine.script("slow", new ScriptedStackEngine.Block(release));
    MvcResult first = api.send(post(DBS), json(database("slow", byId(clusterId))));
    assertThat(first.getResponse().getStatus()).isEqualTo(202);
    try {
      MvcResult second = api.send(post(USERS), json(Manifests.databaseUser()
          .setMetadata(Manifests.databaseUser().getMetadataBuilder().setName(uniqueName("user")).setOrg("acme").setEnv("prod"))
          .setSpec(Manifests.databaseUser().getSpecBuilder().setCluster(byId(clusterId)))
          .build()));
      assertThat(second.getResponse().getStatus()).as(body(second)).isEqualTo(409);
      assertThat(JsonPath.<String>read(body(second), "$.activeJob")).isEqualTo("/api/v1/jobs/" + JsonPath.read(body(first), "$.job.id"));
      MvcResult clusterJob = api.send(post("/api/v1/database-clusters/" + clusterId + ":refresh"));
      assertThat(clusterJob.getResponse().getStatus()).isEqualTo(409);
    } finally {
      release.countDown();
    }
    api.await(JsonPath.read(body(first), "$.job.id"), "SUCCEEDED");
  }

  @Test
  void aClusterDestroyedWithWhatLivesInItDestroysThemFirstPoolsBeforeTheirUserAndDatabase() throws Exception {
    String cluster = uniqueName("cascade");
    String clusterId = provisioned(cluster, DigitalOceanDatabaseEngine.postgres);
    String db = createdAndReady(DBS, json(database("orders", byId(clusterId))));
    String user = createdAndReady(USERS, json(user("app", clusterId)));
    String pool = createdAndReady(POOLS, json(pool("orders-pool", clusterId)));
    CountDownLatch release = new CountDownLatch(1);
    engine.script("orders-pool", new ScriptedStackEngine.Block(release));

    MvcResult destroy = api.send(delete(CLUSTERS + "/" + clusterId + "?confirm=" + cluster + "&withResources=true"));

    assertThat(destroy.getResponse().getStatus()).as(body(destroy)).isEqualTo(202);
    assertThat(JsonPath.<List<String>>read(body(destroy), "$.warnings[*].code")).containsExactly("dbplane.destroyed_with");
    try {
      for (String inside : List.of(DBS + "/" + db, USERS + "/" + user, POOLS + "/" + pool, CLUSTERS + "/" + clusterId)) {
        assertThat(JsonPath.<String>read(body(api.send(get(inside))), "$.state")).as(inside).isEqualTo("DESTROYING");
      }
    } finally {
      release.countDown();
    }
    String jobId = JsonPath.read(body(destroy), "$.job.id");
    api.await(jobId, "SUCCEEDED");

    List<String> destroyed = engine.calls().stream().filter(c -> c.jobId().toString().equals(jobId)).map(ScriptedStackEngine.Call::clusterName).toList();
    assertThat(destroyed).hasSize(4).startsWith("orders-pool").endsWith(cluster);
    assertThat(destroyed.subList(1, 3)).containsExactlyInAnyOrder("orders", "app");
    for (String gone : List.of(DBS + "/" + db, USERS + "/" + user, POOLS + "/" + pool, CLUSTERS + "/" + clusterId)) {
      assertThat(api.send(get(gone)).getResponse().getStatus()).as(gone).isEqualTo(404);
    }
    String events = body(api.send(get("/api/v1/jobs/" + jobId + "/events")));
    assertThat(JsonPath.<List<String>>read(events, "$[?(@.type == 'dependent-destroyed')].message")).containsExactly(
        "destroyed the connection pool orders-pool, which lived in " + cluster,
        "destroyed the database orders, which lived in " + cluster,
        "destroyed the user app, which lived in " + cluster);
  }

  @Test
  void aCascadeThatFailsStopsThereAndLeavesTheRestAsItWas() throws Exception {
    String cluster = uniqueName("cascade-fails");
    String clusterId = provisioned(cluster, DigitalOceanDatabaseEngine.postgres);
    String db = createdAndReady(DBS, json(database("ledger", byId(clusterId))));
    String user = createdAndReady(USERS, json(user("stuck", clusterId)));
    engine.script("stuck", new ScriptedStackEngine.Fail(EngineFailure.PROVIDER_ERROR, "DigitalOcean refused to delete the user"));

    String jobId = JsonPath.read(body(api.send(delete(CLUSTERS + "/" + clusterId + "?confirm=" + cluster + "&withResources=true"))), "$.job.id");
    api.await(jobId, "FAILED");

    assertThat(api.send(get(DBS + "/" + db)).getResponse().getStatus()).isEqualTo(404);
    assertThat(JsonPath.<String>read(body(api.send(get(USERS + "/" + user))), "$.state")).isEqualTo("READY");
    assertThat(JsonPath.<String>read(body(api.send(get(CLUSTERS + "/" + clusterId))), "$.state")).isEqualTo("READY");
    assertThat(engine.callsFor(cluster)).extracting(ScriptedStackEngine.Call::operation).containsExactly(Operation.UP);
  }

  @Test
  void aUsersPasswordIsRotatedByAJobAndTheNewOneIsWhatIsRevealed() throws Exception {
    String clusterId = provisioned(uniqueName("rotate"), DigitalOceanDatabaseEngine.postgres);
    String user = createdAndReady(USERS, json(user("rotated", clusterId)));

    MvcResult rotation = api.send(post(USERS + "/" + user + ":rotate-password"));

    assertThat(rotation.getResponse().getStatus()).as(body(rotation)).isEqualTo(202);
    assertThat(JsonPath.<String>read(body(rotation), "$.job.operation")).isEqualTo("ROTATE_PASSWORD");
    api.await(JsonPath.read(body(rotation), "$.job.id"), "SUCCEEDED");
    assertThat(JsonPath.<String>read(body(api.send(get(USERS + "/" + user))), "$.outputs.password")).isEqualTo("[REDACTED]");
    MvcResult revealed = new MvcApi(() -> mvc, TestKeys.SECRETS_READER).send(post(USERS + "/" + user + "/outputs:reveal"));
    assertThat(JsonPath.<String>read(body(revealed), "$.password")).isEqualTo(ScriptedStackEngine.ROTATED_PASSWORD_PREFIX + "1");
  }

  @Test
  void aUserNeverProvisionedHasNoPasswordToRotateAndTheRefusalQueuesNothing() throws Exception {
    String clusterId = provisioned(uniqueName("rotate-early"), DigitalOceanDatabaseEngine.postgres);
    engine.script("never", new ScriptedStackEngine.Fail(EngineFailure.PROVIDER_ERROR, "DigitalOcean refused the user"));
    MvcResult created = api.send(post(USERS), json(user("never", clusterId)));
    api.await(JsonPath.read(body(created), "$.job.id"), "FAILED");
    String user = JsonPath.read(body(created), "$.resourceId");
    long jobs = jdbc.sql("select count(*) from jobs").query(Long.class).single();

    MvcResult refused = api.send(post(USERS + "/" + user + ":rotate-password"));

    assertThat(refused.getResponse().getStatus()).as(body(refused)).isEqualTo(409);
    assertThat(JsonPath.<String>read(body(refused), "$.type")).isEqualTo("urn:dbplane:problem:no-outputs");
    assertThat(jdbc.sql("select count(*) from jobs").query(Long.class).single()).isEqualTo(jobs);
  }

  @Test
  void eachKindInsideIsValidatedAsItsCreateWouldBeAgainstItsClusterAndNothingIsWritten() throws Exception {
    String clusterId = provisioned(uniqueName("judged"), DigitalOceanDatabaseEngine.postgres);
    String cacheId = provisioned(uniqueName("judged-cache"), DigitalOceanDatabaseEngine.redis);
    long before = count();

    MvcResult valid = api.send(post(DBS + ":validate"), json(database("orders", byId(clusterId))));
    assertThat(valid.getResponse().getStatus()).as(body(valid)).isEqualTo(200);
    assertThat(JsonPath.<Boolean>read(body(valid), "$.valid")).isTrue();
    assertThat(JsonPath.<String>read(body(valid), "$.normalized.clusterId")).isEqualTo(digitalOceanId(clusterId));
    assertThat(JsonPath.<String>read(body(valid), "$.credentials.source")).isEqualTo("cluster");

    MvcResult wrongEngine = api.send(post(USERS + ":validate"), json(user("app", cacheId)));
    assertThat(wrongEngine.getResponse().getStatus()).as(body(wrongEngine)).isEqualTo(200);
    assertThat(JsonPath.<Boolean>read(body(wrongEngine), "$.valid")).isFalse();
    assertThat(JsonPath.<List<String>>read(body(wrongEngine), "$.violations[*].rule")).containsExactly("dbplane.cluster.engine_unsupported");

    DigitalOceanDatabaseConnectionPool.Builder tooBig = pool("big-pool", clusterId).toBuilder();
    tooBig.getSpecBuilder().setSize(5000);
    MvcResult overBudget = api.send(post(POOLS + ":validate"), json(tooBig.build()));
    assertThat(JsonPath.<List<String>>read(body(overBudget), "$.violations[*].rule")).contains("dbplane.size.exceeds_connections");

    assertThat(count()).isEqualTo(before);
  }

  /** Creates the resource and waits for its first job; returns its id. */
  private String createdAndReady(String collection, String body) throws Exception {
    return createdAndReady(collection, body, "$.resourceId");
  }

  /** Creates the resource and waits for its first job; returns its id, read from the answer at {@code idPath}. */
  private String createdAndReady(String collection, String body, String idPath) throws Exception {
    MvcResult created = api.send(post(collection), body);
    assertThat(created.getResponse().getStatus()).as(body(created)).isEqualTo(202);
    api.await(JsonPath.read(body(created), "$.job.id"), "SUCCEEDED");
    return JsonPath.read(body(created), idPath);
  }

  private static DigitalOceanDatabaseUser user(String name, String clusterId) {
    DigitalOceanDatabaseUser.Builder user = Manifests.databaseUser();
    user.getMetadataBuilder().setName(uniqueName(name)).setOrg("acme").setEnv("prod");
    user.getSpecBuilder().setCluster(byId(clusterId)).setName(name);
    return user.build();
  }

  /** A pool of the cluster's default database, connecting as the user app. */
  private static DigitalOceanDatabaseConnectionPool pool(String name, String clusterId) {
    DigitalOceanDatabaseConnectionPool.Builder pool = Manifests.databaseConnectionPool();
    pool.getMetadataBuilder().setName(uniqueName(name)).setOrg("acme").setEnv("prod");
    pool.getSpecBuilder().setCluster(byId(clusterId)).setName(name);
    return pool.build();
  }

  private String provisioned(String name, DigitalOceanDatabaseEngine engine) throws Exception {
    var manifest = Manifests.inProd(name, 1);
    if (engine != DigitalOceanDatabaseEngine.postgres) {
      manifest.getSpecBuilder().setEngine(engine).setEngineVersion("7");
    }
    return createdAndReady(CLUSTERS, json(Manifests.stackInput(manifest.build())), "$.clusterId");
  }

  private static DigitalOceanDatabaseDb database(String name, StringValueOrRef cluster) {
    DigitalOceanDatabaseDb.Builder db = Manifests.databaseDb();
    db.getMetadataBuilder().setName(uniqueName(name)).setOrg("acme").setEnv("prod");
    db.getSpecBuilder().setCluster(cluster).setName(name);
    return db.build();
  }

  private static StringValueOrRef byId(String clusterId) {
    return StringValueOrRef.newBuilder().setValue(clusterId).build();
  }

  private static String json(Message message) throws Exception {
    return JsonFormat.printer().print(message);
  }

  private String digitalOceanId(String clusterId) {
    return jdbc.sql("select digitalocean_id from resources where id = ?").param(clusterId).query(String.class).single();
  }

  private long count() {
    return jdbc.sql("select count(*) from resources").query(Long.class).single();
  }
}
