package dev.dbplane.catalog;

import dev.dbplane.config.DbplaneProperties;
import dev.dbplane.digitalocean.DigitalOceanApi;
import dev.dbplane.engine.Secret;
import java.time.Clock;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CatalogConfiguration {

  /** Asks DigitalOcean (or the configured API) with the server's token, when it has one. */
  @Bean
  DatabaseCatalog databaseCatalog(DbplaneProperties properties) {
    DbplaneProperties.DigitalOcean digitalocean = properties.digitalocean();
    if (!digitalocean.hasDefaultToken()) {
      return DatabaseCatalog.snapshot();
    }
    DigitalOceanApi api = new DigitalOceanApi(properties.pulumi().digitaloceanApiEndpoint());
    Secret token = Secret.of(digitalocean.defaultToken());
    return new DatabaseCatalog(Optional.of(() -> api.databaseOptions(token)), Clock.systemUTC());
  }

  @Bean
  CatalogRefresher catalogRefresher(DatabaseCatalog catalog, DbplaneProperties properties) {
    return new CatalogRefresher(catalog, properties.catalog().refreshInterval());
  }
}
