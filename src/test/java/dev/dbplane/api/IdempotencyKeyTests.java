package dev.dbplane.api;

import static dev.dbplane.support.MvcApi.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.jayway.jsonpath.JsonPath;
import dev.dbplane.idempotency.IdempotencyFilter;
import dev.dbplane.support.MvcApi;
import dev.dbplane.support.TestKeys;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * An Idempotency-Key the service cannot keep a promise by is refused, never taken as no key: the
 * API's answers, through the whole chain (the filter's own behaviour is IdempotencyFilterTest's).
 */
@SpringBootTest
@AutoConfigureMockMvc
class IdempotencyKeyTests {

  private static final String VALIDATE = "/api/v1/database-clusters:validate";
  private static final String MANIFEST = "{\"kind\": \"DigitalOceanDatabaseCluster\"}";

  private final MvcApi api;

  @Autowired
  IdempotencyKeyTests(MockMvc mvc) {
    this.api = new MvcApi(mvc, TestKeys.VIEWER);
  }

  private MvcResult validateWithKey(String key) throws Exception {
    return api.send(post(VALIDATE).header(IdempotencyFilter.HEADER, key), MANIFEST);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "\t"})
  void anEmptyOrBlankKeyIsRefusedNamingTheHeader(String key) throws Exception {
    assertIsRefused(validateWithKey(key), "must not be empty or blank");
  }

  @Test
  void aKeyLongerThan255CharactersIsRefused() throws Exception {
    assertIsRefused(validateWithKey("k".repeat(256)), "must be at most 255 characters; it has 256");
    assertThat(validateWithKey("k".repeat(255)).getResponse().getStatus()).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(strings = {"two words", "clé"})
  void aKeyWithSpacesOrNonAsciiIsRefused(String key) throws Exception {
    assertIsRefused(validateWithKey(key), "must be visible ASCII characters, without spaces or control characters");
  }

  @ParameterizedTest
  @ValueSource(strings = {"key\u0001one", "key\u007fone"})
  void aKeyWithControlCharactersIsRefused(String key) throws Exception {
    // The security filters' firewall refuses control characters in any header before this filter sees them.
    assertThat(validateWithKey(key).getResponse().getStatus()).isEqualTo(400);
  }

  @Test
  void aGoodKeyIsKeptAndReplayed() throws Exception {
    String key = UUID.randomUUID().toString();
    MvcResult first = validateWithKey(key);
    MvcResult again = validateWithKey(key);

    assertThat(first.getResponse().getStatus()).isEqualTo(200);
    assertThat(again.getResponse().getHeader(IdempotencyFilter.REPLAYED)).isEqualTo("true");
    assertThat(body(again)).isEqualTo(body(first));
  }

  private static void assertIsRefused(MvcResult refused, String reason) throws Exception {
    assertThat(refused.getResponse().getStatus()).as(body(refused)).isEqualTo(400);
    assertThat(refused.getResponse().getContentType()).isEqualTo("application/problem+json");
    assertThat(JsonPath.<String>read(body(refused), "$.type")).isEqualTo("urn:dbplane:problem:invalid-idempotency-key");
    assertThat(JsonPath.<String>read(body(refused), "$.detail")).startsWith("Idempotency-Key " + reason);
    assertThat(JsonPath.<String>read(body(refused), "$.violations[0].field")).isEqualTo("Idempotency-Key");
    assertThat(JsonPath.<String>read(body(refused), "$.violations[0].message")).startsWith(reason);
  }
}
