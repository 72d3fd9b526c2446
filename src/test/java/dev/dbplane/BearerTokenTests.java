package dev.dbplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import dev.dbplane.support.EngineForTests;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Portals behind an identity provider call with an OAuth2 bearer token; its roles claim gives its
 * roles. Here the identity provider is a shared HMAC key, in place of an issuer's published keys.
 */
@SpringBootTest(properties = {"dbplane.engine=scripted",
    "spring.datasource.url=jdbc:h2:mem:bearer;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1"})
@AutoConfigureMockMvc
@Import({EngineForTests.class, BearerTokenTests.IdentityProvider.class})
class BearerTokenTests {

  private static final SecretKey KEY = new SecretKeySpec("a-shared-key-of-at-least-256-bits-for-hs256!".getBytes(StandardCharsets.UTF_8), "HmacSHA256");

  @TestConfiguration(proxyBeanMethods = false)
  static class IdentityProvider {
    @Bean
    JwtDecoder jwtDecoder() {
      return NimbusJwtDecoder.withSecretKey(KEY).macAlgorithm(MacAlgorithm.HS256).build();
    }
  }

  @Autowired MockMvc mvc;

  private static String token(Object roles, Instant expires) {
    JwtClaimsSet claims = JwtClaimsSet.builder().subject("portal@example.com").issuedAt(expires.minusSeconds(600)).expiresAt(expires).claim("roles", roles).build();
    return new NimbusJwtEncoder(new ImmutableSecret<>(KEY))
        .encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
        .getTokenValue();
  }

  private int status(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request, String token) throws Exception {
    return mvc.perform(request.header("Authorization", "Bearer " + token)).andReturn().getResponse().getStatus();
  }

  @Test
  void aTokenWithTheViewerRoleReadsButDoesNotChange() throws Exception {
    String viewer = token(List.of("viewer"), Instant.now().plusSeconds(300));
    assertThat(status(get("/api/v1/jobs"), viewer)).isEqualTo(200);
    assertThat(status(post("/api/v1/database-clusters").contentType("application/json")
        .content(ServiceContract.stackInput("bearer-viewer", 2, 0)), viewer)).isEqualTo(403);
  }

  @Test
  void anOperatorTokenChangesAndIsRecordedAsItsSubject() throws Exception {
    String operator = token("operator", Instant.now().plusSeconds(300));
    var created = mvc.perform(post("/api/v1/database-clusters").header("Authorization", "Bearer " + operator)
        .contentType("application/json").content(ServiceContract.stackInput("bearer-operator", 2, 0))).andReturn();
    assertThat(created.getResponse().getStatus()).isEqualTo(202);
    assertThat(created.getResponse().getContentAsString()).contains("\"requestedBy\":\"portal@example.com\"");
  }

  @Test
  void anExpiredOrForgedTokenIs401() throws Exception {
    assertThat(status(get("/api/v1/jobs"), token(List.of("admin"), Instant.now().minusSeconds(600)))).isEqualTo(401);
    String forged = token(List.of("admin"), Instant.now().plusSeconds(300));
    assertThat(status(get("/api/v1/jobs"), forged.substring(0, forged.length() - 4) + "AAAA")).isEqualTo(401);
  }

  @Test
  void anApiKeySentAsABearerTokenIsTakenAsTheKeyNotDecodedAsAToken() throws Exception {
    assertThat(status(get("/api/v1/jobs"), dev.dbplane.support.TestKeys.VIEWER)).isEqualTo(200);
    String refused = mvc.perform(get("/api/v1/jobs").header("Authorization", "Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln")).andReturn()
        .getResponse().getContentAsString();
    assertThat(refused).contains("the bearer token was refused").contains("or a bearer token of the configured issuer");
  }
}
