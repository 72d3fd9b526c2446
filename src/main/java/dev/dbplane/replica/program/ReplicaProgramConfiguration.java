package dev.dbplane.replica.program;

import dev.dbplane.config.DbplaneProperties;
import dev.dbplane.digitalocean.DigitalOceanApi;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ReplicaProgramConfiguration {

  @Bean
  ReplicaPrograms replicaPrograms(DbplaneProperties properties) {
    return new ReplicaPrograms(new DigitalOceanApi(properties.pulumi().digitaloceanApiEndpoint()));
  }
}
