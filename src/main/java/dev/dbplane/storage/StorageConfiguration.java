package dev.dbplane.storage;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

  /** Static, so that it runs before any other bean is made, the data source first. */
  @Bean
  static DataDirectoryCheck dataDirectoryCheck(Environment environment) {
    return new DataDirectoryCheck(environment);
  }
}
