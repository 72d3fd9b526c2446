package dev.dbplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.jayway.jsonpath.JsonPath;
import dev.dbplane.support.EngineForTests;
import dev.dbplane.support.MvcApi;
import dev.dbplane.support.TestKeys;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** Health probes and the Prometheus metrics of jobs and validation. */
@SpringBootTest(properties = {"dbplane.engine=scripted", "dbplane.jobs.polling-interval=200ms",
    "spring.datasource.url=jdbc:h2:mem:observability;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1"})
@AutoConfigureMockMvc
@Import(EngineForTests.class)
class ObservabilityTests {

  @Autowired MockMvc mvc;

  @Test
  void livenessAndReadinessAnswerWithoutCredentials() throws Exception {
    assertThat(mvc.perform(get("/actuator/health/liveness")).andReturn().getResponse().getStatus()).isEqualTo(200);
    MvcResult readiness = mvc.perform(get("/actuator/health/readiness")).andReturn();
    assertThat(readiness.getResponse().getStatus()).isEqualTo(200);
    // Without a key: each component's status (and why, when it is down), never its details.
    assertThat(readiness.getResponse().getContentAsString()).contains("\"db\":{\"status\":\"UP\"}").doesNotContain("details");
    String detailed = mvc.perform(get("/actuator/health/readiness").header(TestKeys.HEADER, TestKeys.VIEWER)).andReturn().getResponse().getContentAsString();
    assertThat(detailed).contains("\"db\"", "\"secrets\"", "\"readinessState\"");
  }

  @Test
  void prometheusShowsJobsByOutcomeTheQueueAndValidationFailuresByRule() throws Exception {
    MvcResult created = mvc.perform(post("/api/v1/database-clusters").header(TestKeys.HEADER, TestKeys.OPERATOR)
        .contentType("application/json").content(ServiceContract.stackInput("metrics-" + UUID.randomUUID().toString().substring(0, 8), 2, 0))).andReturn();
    new MvcApi(mvc, TestKeys.VIEWER).await(JsonPath.read(created.getResponse().getContentAsString(), "$.job.id"), "SUCCEEDED");
    mvc.perform(post("/api/v1/database-clusters").header(TestKeys.HEADER, TestKeys.OPERATOR)
        .contentType("application/json").content(ServiceContract.stackInput("Bad_Name", 4, 0))).andReturn();

    assertThat(mvc.perform(get("/actuator/prometheus")).andReturn().getResponse().getStatus()).isEqualTo(401);
    String metrics = mvc.perform(get("/actuator/prometheus").header("Authorization", "ApiKey " + TestKeys.VIEWER))
        .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    assertThat(metrics)
        .contains("dbplane_jobs_ended_total{application=\"dbplane\",operation=\"up\",outcome=\"succeeded\"}")
        .contains("dbplane_jobs_duration_seconds_bucket")
        .contains("dbplane_jobs_queued ")
        .contains("dbplane_jobs_queued_oldest_age_seconds")
        .contains("dbplane_jobs_running ")
        .contains("dbplane_validation_failures_total{application=\"dbplane\",rule=\"dbplane.cluster_name.format\"}")
        .contains("dbplane_validation_failures_total{application=\"dbplane\",rule=\"uint32.gte_lte\"}")
        .doesNotContain(ServiceContract.TOKEN);
  }
}
