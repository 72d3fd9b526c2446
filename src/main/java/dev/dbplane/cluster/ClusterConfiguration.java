package dev.dbplane.cluster;

import dev.dbplane.config.DbplaneProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ClusterConfiguration {

  @Bean
  ClusterPolicies clusterPolicies(DbplaneProperties properties) {
    return new ClusterPolicies(properties.policy());
  }
}
