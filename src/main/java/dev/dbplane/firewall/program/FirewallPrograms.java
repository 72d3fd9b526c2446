package dev.dbplane.firewall.program;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.dbplane.digitalocean.DigitalOceanApi;
import dev.dbplane.digitalocean.DigitalOceanApiException;
import dev.dbplane.engine.Secret;
import dev.dbplane.firewall.FirewallKind;
import dev.dbplane.firewall.FirewallSpec;
import dev.dbplane.pulumi.KindProgram;
import dev.dbplane.pulumi.ProgramIdentity;
import dev.dbplane.pulumi.StackProgram;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** What the Pulumi engine runs for a firewall: its program, and its firewall's place in the state. */
public final class FirewallPrograms implements KindProgram<FirewallSpec> {

  private static final ProgramIdentity<FirewallSpec> IDENTITY = new ProgramIdentity<>(
      FirewallSpec.TYPE, FirewallKind.NOUN, DatabaseFirewall.TYPE, FirewallProgram.EXPORTED_PROPERTIES, FirewallKind.OUTPUTS.secrets());

  /** The provider's unique suffix: the UTC time to a ten-thousandth of a second, then a counter. */
  private static final DateTimeFormatter UNIQUE_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSSS").withZone(ZoneOffset.UTC);

  private final DigitalOceanApi digitalocean;
  private final Clock clock;
  private final AtomicInteger idCounter = new AtomicInteger();

  public FirewallPrograms(DigitalOceanApi digitalocean, Clock clock) {
    this.digitalocean = digitalocean;
    this.clock = clock;
  }

  @Override
  public ProgramIdentity<FirewallSpec> identity() {
    return IDENTITY;
  }

  @Override
  public StackProgram program(FirewallSpec spec, Secret token, @Nullable String apiEndpoint) {
    return new FirewallProgram(spec, token, apiEndpoint);
  }

  /**
   * A cluster always has a set of trusted sources, perhaps empty; the interrupted create reached
   * DigitalOcean when that set is the spec's. The provider's id of a firewall is not DigitalOcean's
   * (it has none): the cluster's id, '-', and a suffix unique in time, formed here as the provider
   * forms it when it creates or imports one.
   */
  @Override
  public Optional<String> existingId(FirewallSpec spec, Secret token) throws DigitalOceanApiException {
    if (spec.clusterId().isEmpty()) {
      return Optional.empty();
    }
    Optional<JsonObject> firewall = digitalocean.find(token, "v2/databases/" + spec.clusterId() + "/firewall");
    Set<String> wanted = spec.rules().stream().map(rule -> source(rule.type(), rule.value())).collect(Collectors.toSet());
    return firewall.map(FirewallPrograms::sources).filter(wanted::equals).map(sources -> providerId(spec.clusterId()));
  }

  private static Set<String> sources(JsonObject firewall) {
    Set<String> sources = new HashSet<>();
    JsonElement rules = firewall.get("rules");
    if (rules != null && rules.isJsonArray()) {
      for (JsonElement element : rules.getAsJsonArray()) {
        JsonObject rule = element.getAsJsonObject();
        sources.add(source(text(rule, "type"), text(rule, "value")));
      }
    }
    return sources;
  }

  private static String source(String type, String value) {
    return type + ":" + value.toLowerCase(Locale.ROOT);
  }

  private static String text(JsonObject object, String member) {
    JsonElement value = object.get(member);
    return value == null || value.isJsonNull() ? "" : value.getAsString();
  }

  private String providerId(String clusterId) {
    return clusterId + "-" + UNIQUE_TIME.format(clock.instant()) + String.format(Locale.ROOT, "%08x", idCounter.incrementAndGet());
  }
}
