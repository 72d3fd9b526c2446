package dev.dbplane.resource;

import dev.dbplane.audit.AuditLog;
import dev.dbplane.engine.KindRegistry;
import java.util.List;
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
  ResourceStore resourceStore(JdbcClient jdbc, List<ResourceKind<?, ?>> kinds) {
    return new ResourceStore(jdbc, new KindRegistry<>(kinds, ResourceKind::name, "resource kind"));
  }

  @Bean
  SecretReencryption secretReencryption(CredentialStore credentials, OutputStore outputs, AuditLog audit) {
    return new SecretReencryption(credentials, outputs, audit);
  }

  @Bean
  OutputStore outputStore(JdbcClient jdbc, SecretBox secretBox, JsonMapper json) {
    return new OutputStore(jdbc, secretBox, json);
  }
}
