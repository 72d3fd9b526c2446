package dev.dbplane.cluster;

import dev.dbplane.config.DbplaneProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ClusterConfiguration {

  @Bean
  ClusterValidator clusterValidator(DbplaneProperties properties) {
    return new ClusterValidator(properties.digitalocean().hasDefaultToken());
  }
}
