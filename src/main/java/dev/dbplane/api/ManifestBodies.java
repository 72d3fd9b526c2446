package dev.dbplane.api;

import dev.dbplane.cluster.ClusterKind;
import com.google.protobuf.Message;
import dev.dbplane.config.DbplaneProperties;
import dev.dbplane.intake.BodyModel;
import dev.dbplane.intake.BoundedBody;
import dev.dbplane.intake.RequestIntake;
import dev.dbplane.resource.ResourceRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseCluster;
import org.project_planton.provider.digitalocean.digitaloceandatabasecluster.v1.DigitalOceanDatabaseClusterStackInput;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * Reads a manifest or stack input from a request body, within the configured size limit, and keeps
 * with the request how its caller wrote its fields, for the answer that names them.
 */
@Component
class ManifestBodies {

  private static final String API_VERSION = "digital-ocean.project-planton.org/v1";
  private static final String KIND = "DigitalOceanDatabaseCluster";

  private static final Message MANIFEST = DigitalOceanDatabaseCluster.getDefaultInstance();
  private static final Message STACK_INPUT = DigitalOceanDatabaseClusterStackInput.getDefaultInstance();

  /**
   * A bare manifest, or a stack input: the manifest as its target, with the provider's credentials,
   * which only a stack input has.
   */
  static final BodyModel CLUSTER =
      new BodyModel(
          List.of(MANIFEST, STACK_INPUT),
          Map.of("target", STACK_INPUT, "provider_config", STACK_INPUT, "providerConfig", STACK_INPUT),
          message -> marks(request(message)));

  private static final String FIELDS = FindingsAsWritten.class.getName();

  private final RequestIntake intake;
  private final DbplaneProperties properties;

  ManifestBodies(RequestIntake intake, DbplaneProperties properties) {
    this.intake = intake;
    this.properties = properties;
  }

  ResourceRequest<DigitalOceanDatabaseCluster> read(HttpServletRequest request) throws IOException {
    return parse(request, BoundedBody.read(request, properties.intake().maxBodySize()));
  }

  /** How the caller of this request wrote the fields of the body read; proto names when none was. */
  static FindingsAsWritten fieldsOf(HttpServletRequest request) {
    return request.getAttribute(FIELDS) instanceof FindingsAsWritten fields ? fields : FindingsAsWritten.AS_SENT;
  }

  /** For endpoints whose body is optional: null when the request has none. */
  @Nullable ResourceRequest<DigitalOceanDatabaseCluster> readIfPresent(HttpServletRequest request) throws IOException {
    if (request.getContentType() == null) {
      return null;
    }
    byte[] body = BoundedBody.read(request, properties.intake().maxBodySize());
    return body.length == 0 ? null : parse(request, body);
  }

  private ResourceRequest<DigitalOceanDatabaseCluster> parse(HttpServletRequest request, byte[] body) {
    RequestIntake.Parsed parsed = intake.parse(body, MediaType.parseMediaType(request.getContentType()), CLUSTER);
    request.setAttribute(FIELDS, new FindingsAsWritten(parsed.fields()));
    return request(parsed.message());
  }

  private static ResourceRequest<DigitalOceanDatabaseCluster> request(Message message) {
    return message instanceof DigitalOceanDatabaseClusterStackInput stackInput
        ? ClusterKind.request(stackInput)
        : ClusterKind.request((DigitalOceanDatabaseCluster) message);
  }

  /** A real request names this model's api_version and kind and has a spec; a stack input brings a token. */
  private static int marks(ResourceRequest<DigitalOceanDatabaseCluster> request) {
    DigitalOceanDatabaseCluster manifest = request.manifest();
    return (API_VERSION.equals(manifest.getApiVersion()) ? 1 : 0)
        + (KIND.equals(manifest.getKind()) ? 1 : 0)
        + (manifest.hasSpec() ? 1 : 0)
        + request.providerConfig().map(config -> config.getApiToken().isEmpty() ? 0 : 1).orElse(0);
  }
}
