package dev.dbplane.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Reported as "secrets": the keyset is loaded and seals and opens. */
@Component("secretsHealthIndicator")
class SecretsHealth implements HealthIndicator {

  private static final byte[] PROBE = "health".getBytes(StandardCharsets.UTF_8);

  private final SecretBox box;

  SecretsHealth(SecretBox box) {
    this.box = box;
  }

  @Override
  public Health health() {
    try {
      boolean works = Arrays.equals(box.open(box.seal(PROBE, "health"), "health"), PROBE);
      return works ? Health.up().build() : Health.down().withDetail("reason", "the keyset does not open what it seals").build();
    } catch (RuntimeException e) {
      return Health.down().withDetail("reason", "the keyset cannot seal or open: " + e.getClass().getSimpleName()).build();
    }
  }
}
