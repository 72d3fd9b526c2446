package dev.dbplane.cluster.verification;

import dev.dbplane.config.DbplaneProperties;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** With the real engine, a cluster is connected to after each UP, unless dbplane.verify.enabled is false. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "dbplane.engine", havingValue = "pulumi", matchIfMissing = true)
class VerificationConfiguration {

  @Bean(destroyMethod = "close")
  @ConditionalOnProperty(name = "dbplane.verify.enabled", havingValue = "true", matchIfMissing = true)
  ClusterConnectionCheck clusterConnectionCheck(DbplaneProperties properties) {
    return new ClusterConnectionCheck(properties.verify().within(), Clock.systemUTC());
  }
}
