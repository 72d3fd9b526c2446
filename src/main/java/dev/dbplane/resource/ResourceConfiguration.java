package dev.dbplane.resource;

import dev.dbplane.crypto.SecretBox;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class ResourceConfiguration {

  @Bean
  CredentialStore credentialStore(JdbcClient jdbc, SecretBox secretBox) {
    return new CredentialStore(jdbc, secretBox);
  }

  @Bean
  OutputStore outputStore(JdbcClient jdbc, SecretBox secretBox, JsonMapper json) {
    return new OutputStore(jdbc, secretBox, json);
  }
}
