package dev.dbplane.pool.program;

import dev.dbplane.config.DbplaneProperties;
import dev.dbplane.digitalocean.DigitalOceanApi;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PoolProgramConfiguration {

  @Bean
  PoolPrograms poolPrograms(DbplaneProperties properties) {
    return new PoolPrograms(new DigitalOceanApi(properties.pulumi().digitaloceanApiEndpoint()));
  }
}
