package dev.dbplane.cluster;

import dev.dbplane.audit.AuditLog;
import dev.dbplane.config.DbplaneProperties;
import dev.dbplane.engine.Secret;
import dev.dbplane.job.JobService;
import dev.dbplane.resource.CredentialStore;
import dev.dbplane.resource.OutputStore;
import dev.dbplane.resource.ResourceJobSubjects;
import dev.dbplane.resource.ResourceService;
import dev.dbplane.resource.ResourceStore;
import dev.dbplane.resource.ResourceValidator;
import java.time.Clock;
import java.util.Optional;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseCluster;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The cluster kind on the pipeline: its validator, its service and what its jobs record. */
@Configuration(proxyBeanMethods = false)
class ClusterConfiguration {

  @Bean
  ClusterKind clusterKind() {
    return new ClusterKind();
  }

  @Bean
  ResourceValidator<DigitalOceanDatabaseCluster, ClusterSpec> clusterValidator(ClusterKind kind, DbplaneProperties properties) {
    return new ResourceValidator<>(kind, properties.digitalocean().hasDefaultToken());
  }

  @Bean
  ResourceJobSubjects clusterJobSubjects(ResourceStore resources, CredentialStore credentials, OutputStore outputs, DbplaneProperties properties) {
    DbplaneProperties.DigitalOcean digitalocean = properties.digitalocean();
    Optional<Secret> defaultToken = digitalocean.hasDefaultToken() ? Optional.of(Secret.of(digitalocean.defaultToken())) : Optional.empty();
    return new ResourceJobSubjects(ClusterSpec.TYPE, ClusterKind.OUTPUTS, resources, credentials, outputs, defaultToken, Clock.systemUTC());
  }

  @Bean
  ResourceService<DigitalOceanDatabaseCluster, ClusterSpec> clusterService(
      ResourceValidator<DigitalOceanDatabaseCluster, ClusterSpec> validator, ResourceStore resources, CredentialStore credentials,
      OutputStore outputs, JobService jobs, AuditLog audit) {
    return new ResourceService<>(validator, resources, credentials, outputs, jobs, audit, Clock.systemUTC());
  }
}
