package dev.dbplane.cluster;

import dev.dbplane.audit.AuditLog;
import dev.dbplane.config.DbplaneProperties;
import dev.dbplane.crypto.SecretBox;
import dev.dbplane.job.JobService;
import dev.dbplane.engine.Secret;
import java.time.Clock;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class ClusterConfiguration {

  @Bean
  ClusterValidator clusterValidator(DbplaneProperties properties) {
    return new ClusterValidator(properties.digitalocean().hasDefaultToken());
  }

  @Bean
  ClusterStore clusterStore(JdbcClient jdbc) {
    return new ClusterStore(jdbc);
  }

  @Bean
  CredentialStore credentialStore(JdbcClient jdbc, SecretBox secretBox) {
    return new CredentialStore(jdbc, secretBox);
  }

  @Bean
  OutputStore outputStore(JdbcClient jdbc, SecretBox secretBox, JsonMapper json) {
    return new OutputStore(jdbc, secretBox, json);
  }

  @Bean
  ClusterJobSubjects clusterJobSubjects(
      ClusterStore clusters, CredentialStore credentials, OutputStore outputs, DbplaneProperties properties) {
    DbplaneProperties.DigitalOcean digitalocean = properties.digitalocean();
    Optional<Secret> defaultToken = digitalocean.hasDefaultToken() ? Optional.of(Secret.of(digitalocean.defaultToken())) : Optional.empty();
    return new ClusterJobSubjects(clusters, credentials, outputs, defaultToken, Clock.systemUTC());
  }

  @Bean
  ClusterService clusterService(
      ClusterValidator validator, ClusterStore clusters, CredentialStore credentials, OutputStore outputs, JobService jobs,
      AuditLog audit) {
    return new ClusterService(validator, clusters, credentials, outputs, jobs, audit, Clock.systemUTC());
  }
}
