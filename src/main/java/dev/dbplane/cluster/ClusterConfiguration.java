package dev.dbplane.cluster;

import dev.dbplane.audit.AuditLog;
import dev.dbplane.config.DbplaneProperties;
import dev.dbplane.engine.Secret;
import dev.dbplane.job.JobService;
import dev.dbplane.resource.CredentialStore;
import dev.dbplane.resource.OutputStore;
import dev.dbplane.resource.ResourceValidator;
import java.time.Clock;
import java.util.Optional;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseCluster;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
class ClusterConfiguration {

  @Bean
  ResourceValidator<DigitalOceanDatabaseCluster, ClusterSpec> clusterValidator(DbplaneProperties properties) {
    return ClusterKind.validator(properties.digitalocean().hasDefaultToken());
  }

  @Bean
  ClusterStore clusterStore(JdbcClient jdbc) {
    return new ClusterStore(jdbc);
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
      ResourceValidator<DigitalOceanDatabaseCluster, ClusterSpec> validator, ClusterStore clusters, CredentialStore credentials, OutputStore outputs, JobService jobs,
      AuditLog audit) {
    return new ClusterService(validator, clusters, credentials, outputs, jobs, audit, Clock.systemUTC());
  }
}
