package dev.dbplane.resource;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import dev.dbplane.engine.Secret;
import java.util.Optional;
import org.project_planton.provider.digitalocean.DigitalOceanProviderConfig;

/**
 * A parsed request for a resource of one kind: either its bare manifest, or a stack input that carries
 * the manifest as its target together with the provider credentials. Field paths in answers follow
 * the shape the caller sent.
 *
 * @param manifest the manifest; a stack input without a target carries the kind's empty manifest
 * @param providerConfig the stack input's provider credentials, if it brings any
 * @param message the request as it was sent: the manifest or the stack input
 * @param manifestPath prefix of the manifest's fields in this request's shape: "" or "target."
 */
public record ResourceRequest<M extends Message>(
    M manifest, Optional<DigitalOceanProviderConfig> providerConfig, Message message, String manifestPath) {

  /** Every kind's stack input names these fields alike, as Project Planton's stack inputs do. */
  private static final String TARGET = "target";
  private static final String PROVIDER_CONFIG = "provider_config";

  public static <M extends Message> ResourceRequest<M> of(M manifest) {
    return new ResourceRequest<>(manifest, Optional.empty(), manifest, "");
  }

  /**
   * @param manifestType the kind's manifest, whose message the stack input's target is
   * @throws IllegalArgumentException when the message is not a stack input of that kind
   */
  public static <M extends Message> ResourceRequest<M> ofStackInput(Message stackInput, Class<M> manifestType) {
    FieldDescriptor target = field(stackInput, TARGET);
    FieldDescriptor providerConfig = field(stackInput, PROVIDER_CONFIG);
    M manifest = manifestType.cast(stackInput.getField(target));
    Optional<DigitalOceanProviderConfig> config = stackInput.hasField(providerConfig)
        ? Optional.of((DigitalOceanProviderConfig) stackInput.getField(providerConfig))
        : Optional.empty();
    return new ResourceRequest<>(manifest, config, stackInput, TARGET + ".");
  }

  /** The DigitalOcean token the request brings: a stack input's {@code provider_config.api_token}, when not blank. */
  public Optional<Secret> token() {
    return providerConfig.map(DigitalOceanProviderConfig::getApiToken).filter(token -> !token.isBlank()).map(Secret::of);
  }

  /** Whether this is a stack input that carries no manifest. */
  public boolean lacksTarget() {
    return !manifestPath.isEmpty() && !message.hasField(field(message, TARGET));
  }

  private static FieldDescriptor field(Message stackInput, String name) {
    return MessageFields.required(stackInput, name, "a stack input");
  }
}
