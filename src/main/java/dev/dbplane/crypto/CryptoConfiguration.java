package dev.dbplane.crypto;

import dev.dbplane.config.DbplaneProperties;
import java.security.GeneralSecurityException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CryptoConfiguration {

  @Bean
  SecretBox secretBox(DbplaneProperties properties) throws GeneralSecurityException {
    DbplaneProperties.Crypto crypto = properties.crypto();
    return new TinkSecretBox(
        Keysets.load(crypto.keyset(), crypto.keysetFile(), properties.dataDir().resolve("keyset.json")));
  }
}
