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

  /**
   * Asks DigitalOcean (or the configured API): in the background with the server's token, when it
   * has one, and for a caller that brings a token of its own, with that one.
   */
  @Bean
  DatabaseCatalog databaseCatalog(DbplaneProperties properties) {
    DbplaneProperties.DigitalOcean digitalocean = properties.digitalocean();
    DbplaneProperties.Catalog settings = properties.catalog();
    DigitalOceanApi api = new DigitalOceanApi(properties.pulumi().digitaloceanApiEndpoint(), settings.timeout());
    Optional<Secret> serverToken = digitalocean.hasDefaultToken() ? Optional.of(Secret.of(digitalocean.defaultToken())) : Optional.empty();
    return new DatabaseCatalog(Optional.of(api::databaseOptions), serverToken, settings.callerKept(), Clock.systemUTC());
  }

  @Bean
  CatalogRefresher catalogRefresher(DatabaseCatalog catalog, DbplaneProperties properties) {
    return new CatalogRefresher(catalog, properties.catalog().refreshInterval());
  }
}
