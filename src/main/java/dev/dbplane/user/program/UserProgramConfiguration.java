package dev.dbplane.user.program;

import dev.dbplane.config.DbplaneProperties;
import dev.dbplane.digitalocean.DigitalOceanApi;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class UserProgramConfiguration {

  @Bean
  UserPrograms userPrograms(DbplaneProperties properties) {
    return new UserPrograms(new DigitalOceanApi(properties.pulumi().digitaloceanApiEndpoint()));
  }
}
