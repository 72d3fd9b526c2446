package dev.dbplane.firewall.program;

import dev.dbplane.config.DbplaneProperties;
import dev.dbplane.digitalocean.DigitalOceanApi;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class FirewallProgramConfiguration {

  @Bean
  FirewallPrograms firewallPrograms(DbplaneProperties properties) {
    return new FirewallPrograms(new DigitalOceanApi(properties.pulumi().digitaloceanApiEndpoint()), Clock.systemUTC());
  }
}
