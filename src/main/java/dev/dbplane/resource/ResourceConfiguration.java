package dev.dbplane.resource;

import dev.dbplane.audit.AuditLog;
import dev.dbplane.engine.KindRegistry;
import dev.dbplane.config.DbplaneProperties;
import dev.dbplane.engine.Secret;
import dev.dbplane.job.JobService;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
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
  KindRegistry<ResourceKind<?, ?>> resourceKinds(List<ResourceKind<?, ?>> kinds) {
    return new KindRegistry<>(kinds, ResourceKind::name, "resource kind");
  }

  @Bean
  ResourceStore resourceStore(JdbcClient jdbc, KindRegistry<ResourceKind<?, ?>> kinds) {
    return new ResourceStore(jdbc, kinds);
  }

  @Bean
  ResourceRecords resourceRecords(ResourceStore resources, CredentialStore credentials, OutputStore outputs, KindRegistry<ResourceKind<?, ?>> kinds) {
    return new ResourceRecords(resources, credentials, outputs, new ClusterResolver(resources, kinds));
  }

  @Bean
  ResourceServices resourceServices(
      KindRegistry<ResourceKind<?, ?>> kinds, ResourceRecords records, JobService jobs, AuditLog audit, DbplaneProperties properties,
      PlatformTransactionManager transactionManager) {
    return new ResourceServices(
        kinds, records, jobs, audit, properties.digitalocean().hasDefaultToken(), new TransactionTemplate(transactionManager));
  }

  @Bean
  ResourceJobSubjects resourceJobSubjects(KindRegistry<ResourceKind<?, ?>> kinds, ResourceRecords records, DbplaneProperties properties) {
    DbplaneProperties.DigitalOcean digitalocean = properties.digitalocean();
    Optional<Secret> defaultToken = digitalocean.hasDefaultToken() ? Optional.of(Secret.of(digitalocean.defaultToken())) : Optional.empty();
    return new ResourceJobSubjects(kinds, records, defaultToken, Clock.systemUTC());
  }

  @Bean
  DriftChecks driftChecks(
      JdbcClient jdbc, ResourceStore resources, KindRegistry<ResourceKind<?, ?>> kinds, ResourceServices services, AuditLog audit,
      DbplaneProperties properties, PlatformTransactionManager transactionManager) {
    return new DriftChecks(new DriftScheduleStore(jdbc), resources, kinds, services, audit, properties.drift().sweepInterval(), Clock.systemUTC(),
        new TransactionTemplate(transactionManager));
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
