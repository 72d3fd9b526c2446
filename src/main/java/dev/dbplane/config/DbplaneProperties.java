package dev.dbplane.config;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Everything about the service that can be configured, under the prefix {@code dbplane}.
 *
 * @param intake how request bodies are read
 * @param digitalocean how the service reaches DigitalOcean
 */
@ConfigurationProperties("dbplane")
public record DbplaneProperties(@DefaultValue Intake intake, @DefaultValue DigitalOcean digitalocean) {

  /**
   * @param maxBodySize the largest request body accepted (env {@code DBPLANE_INTAKE_MAX_BODY_SIZE})
   */
  public record Intake(@DefaultValue("1MB") DataSize maxBodySize) {}

  /**
   * @param defaultToken token used when a request brings no provider_config (env {@code
   *     DBPLANE_DIGITALOCEAN_DEFAULT_TOKEN}); none by default, so every request must bring one
   */
  public record DigitalOcean(@Nullable String defaultToken) {

    public boolean hasDefaultToken() {
      return defaultToken != null && !defaultToken.isBlank();
    }

    @Override
    public String toString() {
      return "DigitalOcean[defaultToken=" + (hasDefaultToken() ? "(set)" : "(none)") + "]";
    }
  }
}
