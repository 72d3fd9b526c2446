package dev.dbplane.db.program;

import dev.dbplane.config.DbplaneProperties;
import dev.dbplane.digitalocean.DigitalOceanApi;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DbProgramConfiguration {

  @Bean
  DbPrograms dbPrograms(DbplaneProperties properties) {
    return new DbPrograms(new DigitalOceanApi(properties.pulumi().digitaloceanApiEndpoint()));
  }
}
