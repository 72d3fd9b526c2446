package dev.dbplane.cluster.program;

import dev.dbplane.config.DbplaneProperties;
import dev.dbplane.digitalocean.DigitalOceanApi;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ClusterProgramConfiguration {

  @Bean
  ClusterPrograms clusterPrograms(DbplaneProperties properties) {
    return new ClusterPrograms(new DigitalOceanApi(properties.pulumi().digitaloceanApiEndpoint()));
  }
}
