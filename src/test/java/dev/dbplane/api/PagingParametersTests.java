package dev.dbplane.api;

import static dev.dbplane.support.MvcApi.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.jayway.jsonpath.JsonPath;
import dev.dbplane.support.MvcApi;
import dev.dbplane.support.TestKeys;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** Each paged endpoint refuses a bound out of range, or a value of the wrong type, naming its own parameter. */
@SpringBootTest
@AutoConfigureMockMvc
class PagingParametersTests {

  /** A job that does not exist: the bounds are judged first. */
  private static final String JOB = "/api/v1/jobs/2f1c7a52-0d6e-4d7a-9c3e-5b8f1e2a4c6d";

  private final MvcApi api;

  @Autowired
  PagingParametersTests(MockMvc mvc) {
    this.api = new MvcApi(mvc, TestKeys.ADMIN);
  }

  @ParameterizedTest
  @CsvSource({
    JOB + "/events?limit=500, limit, must be between 1 and 200",
    JOB + "/events?limit=0, limit, must be between 1 and 200",
    "/api/v1/jobs?size=201, size, must be between 1 and 200",
    "/api/v1/jobs?page=-1, page, must be 0 or more",
    "/api/v1/database-clusters?size=0, size, must be between 1 and 200",
    "/api/v1/database-clusters?page=-3, page, must be 0 or more",
    "/api/v1/admin/audit-events?size=500, size, must be between 1 and 200",
    JOB + "/events?limit=many, limit, must be a whole number",
    "/api/v1/jobs?page=first, page, must be a whole number",
    "/api/v1/jobs?clusterId=orders, clusterId, must be a UUID",
    "/api/v1/jobs?status=DONE, status, 'must be one of QUEUED, RUNNING, CANCELLING, SUCCEEDED, FAILED, CANCELLED'"
  })
  void aBadParameterIsAProblemNamingIt(String path, String parameter, String reason) throws Exception {
    MvcResult refused = api.send(get(path));

    assertThat(refused.getResponse().getStatus()).as(body(refused)).isEqualTo(400);
    assertThat(refused.getResponse().getContentType()).isEqualTo("application/problem+json");
    assertThat(JsonPath.<String>read(body(refused), "$.type")).isEqualTo("urn:dbplane:problem:invalid-parameter");
    assertThat(JsonPath.<String>read(body(refused), "$.detail")).isEqualTo(parameter + " " + reason);
    assertThat(JsonPath.<String>read(body(refused), "$.violations[0].field")).isEqualTo(parameter);
    assertThat(JsonPath.<String>read(body(refused), "$.violations[0].message")).isEqualTo(reason);
  }
}
