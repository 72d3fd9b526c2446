package dev.dbplane.api;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Internal;
import com.google.protobuf.Message;
import dev.dbplane.config.DbplaneProperties;
import dev.dbplane.intake.BodyModel;
import dev.dbplane.intake.BoundedBody;
import dev.dbplane.intake.RequestIntake;
import dev.dbplane.resource.ResourceKind;
import dev.dbplane.resource.ResourceRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.project_planton.provider.digitalocean.DigitalOceanProviderConfig;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * Reads a manifest or stack input of a kind from a request body, within the configured size limit,
 * and keeps with the request how its caller wrote its fields, for the answer that names them.
 */
@Component
class ManifestBodies {

  private static final String API_VERSION = "digital-ocean.project-planton.org/v1";
  private static final String FIELDS = FindingsAsWritten.class.getName();

  private final RequestIntake intake;
  private final DbplaneProperties properties;
  private final Map<String, BodyModel> models = new ConcurrentHashMap<>();

  ManifestBodies(RequestIntake intake, DbplaneProperties properties) {
    this.intake = intake;
    this.properties = properties;
  }

  <M extends Message> ResourceRequest<M> read(HttpServletRequest request, ResourceKind<M, ?> kind) throws IOException {
    return parse(request, BoundedBody.read(request, properties.intake().maxBodySize()), kind);
  }

  /** For endpoints whose body is optional: null when the request has none. */
  <M extends Message> @Nullable ResourceRequest<M> readIfPresent(HttpServletRequest request, ResourceKind<M, ?> kind) throws IOException {
    if (request.getContentType() == null) {
      return null;
    }
    byte[] body = BoundedBody.read(request, properties.intake().maxBodySize());
    return body.length == 0 ? null : parse(request, body, kind);
  }

  /** How the caller of this request wrote the fields of the body read; proto names when none was. */
  static FindingsAsWritten fieldsOf(HttpServletRequest request) {
    return request.getAttribute(FIELDS) instanceof FindingsAsWritten fields ? fields : FindingsAsWritten.AS_SENT;
  }

  /**
   * A bare manifest of the kind, or its stack input: the manifest as its target, with the
   * provider's credentials, which only a stack input has.
   */
  static BodyModel modelOf(ResourceKind<?, ?> kind) {
    Message manifest = Internal.getDefaultInstance(kind.manifestType());
    Message stackInput = Internal.getDefaultInstance(kind.stackInputType());
    return new BodyModel(
        List.of(manifest, stackInput),
        Map.of("target", stackInput, "provider_config", stackInput, "providerConfig", stackInput),
        message -> marks(kind, message));
  }

  private <M extends Message> ResourceRequest<M> parse(HttpServletRequest request, byte[] body, ResourceKind<M, ?> kind) {
    BodyModel model = models.computeIfAbsent(kind.name(), name -> modelOf(kind));
    RequestIntake.Parsed parsed = intake.parse(body, MediaType.parseMediaType(request.getContentType()), model);
    request.setAttribute(FIELDS, new FindingsAsWritten(parsed.fields()));
    return requestOf(kind, parsed.message());
  }

  private static <M extends Message> ResourceRequest<M> requestOf(ResourceKind<M, ?> kind, Message message) {
    return kind.stackInputType().isInstance(message)
        ? ResourceRequest.ofStackInput(message, kind.manifestType())
        : ResourceRequest.of(kind.manifestType().cast(message));
  }

  /** A real request names this model's api_version and the kind and has a spec; a stack input brings a token. */
  private static int marks(ResourceKind<?, ?> kind, Message message) {
    ResourceRequest<?> request = requestOf(kind, message);
    Message manifest = request.manifest();
    return (API_VERSION.equals(text(manifest, "api_version")) ? 1 : 0)
        + (kind.name().equals(text(manifest, "kind")) ? 1 : 0)
        + (manifest.hasField(manifest.getDescriptorForType().findFieldByName("spec")) ? 1 : 0)
        + request.providerConfig().map(DigitalOceanProviderConfig::getApiToken).map(token -> token.isEmpty() ? 0 : 1).orElse(0);
  }

  private static String text(Message manifest, String name) {
    FieldDescriptor field = manifest.getDescriptorForType().findFieldByName(name);
    return field == null ? "" : String.valueOf(manifest.getField(field));
  }
}
